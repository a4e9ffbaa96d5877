using Benchmark.Core.Loading;

namespace Benchmark.Core.Tests;

/// <summary>
/// Each case breaks one of the small valid fixture files in one way and checks that validation names
/// the file, the line and the problem.
/// </summary>
public sealed class BrokenQuestionnaireFileTests
{
    /// <param name="File">The fixture file to break.</param>
    /// <param name="Find">Text to replace (must occur exactly once).</param>
    /// <param name="Replace">What to put instead.</param>
    /// <param name="LineOf">Text in the broken file whose line the problem must be reported on.</param>
    /// <param name="Message">Text the problem's message must contain.</param>
    public sealed record Breakage(string Name, string File, string Find, string Replace, string LineOf, string Message)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Breakage> Breakages() =>
    [
        new("duplicate block id", "model.yaml", "  - id: bio\n", "  - id: digid\n", "  - id: digid\n    domain: veiligheid", "duplicate block id 'digid'"),
        new("missing translation", "model.yaml", "name: {nl: BIO, en: BIO}", "name: {nl: BIO}", "name: {nl: BIO}", "missing English translation 'en'"),
        new("missing level description", "model.yaml", "      - {level: 4, description: {nl: Bereik wordt gemeten., en: Reach is measured.}}\n", "", "{level: 1, description: {nl: Verkenning.", "missing level description for level 4"),
        new("level described twice", "model.yaml", "{level: 5, description: {nl: Continu verbeterd.", "{level: 4, description: {nl: Continu verbeterd.", "{level: 4, description: {nl: Continu verbeterd.", "level 4 is described twice"),
        new("negative weight", "model.yaml", "weight: 1.5", "weight: -1.5", "weight: -1.5", "negative weight -1.5"),
        new("zero domain weight", "model.yaml", "    weight: 2\n  - id: veiligheid", "    weight: 0\n  - id: veiligheid", "    weight: 0", "weight 0 would leave this out of every score"),
        new("prerequisite cycle", "model.yaml", "    facility: {name: DigiD, operator: Logius}\n", "    facility: {name: DigiD, operator: Logius}\n    prerequisites: [mijnoverheid]\n", "  - id: mijnoverheid", "prerequisite cycle: digid → mijnoverheid → digid"),
        new("unknown prerequisite", "model.yaml", "prerequisites: [digid]", "prerequisites: [digi]", "prerequisites: [digi]", "unknown prerequisite block 'digi'"),
        new("unknown domain", "model.yaml", "    domain: veiligheid", "    domain: veilighied", "    domain: veilighied", "unknown domain 'veilighied'"),
        new("misspelt property", "model.yaml", "description: {nl: Baseline", "descripton: {nl: Baseline", "descripton:", "unknown property 'descripton'"),
        new("yaml syntax error", "model.yaml", "kind: maturity-model", "kind: [maturity-model", "kind: [maturity-model", "YAML syntax error"),
        new("invalid id", "model.yaml", "  - id: bio\n", "  - id: Bio_Blok\n", "  - id: Bio_Blok", "invalid block id 'Bio_Blok'"),
        new("unknown question type", "questionnaire-2026.yaml", "id: digid.sms\n        type: yesno", "id: digid.sms\n        type: yesnoo", "type: yesnoo", "unknown question type 'yesnoo'"),
        new("duplicate question id", "questionnaire-2026.yaml", "id: bio.toelichting", "id: bio.audit", "      - id: bio.audit\n        type: text", "duplicate question id 'bio.audit'"),
        new("option value out of range", "questionnaire-2026.yaml", "en: Waste card}, value: 0.5}", "en: Waste card}, value: 5}", "en: Waste card}, value: 5}", "option value 5 is outside 0 to 1"),
        new("unknown block", "questionnaire-2026.yaml", "  - block: bio\n", "  - block: bioo\n", "  - block: bioo", "unknown building block 'bioo'"),
        new("block without questions", "questionnaire-2026.yaml", "  - block: bio\n", "  - block: bioo\n", "  - block: digid", "building block 'bio' of the model has no questions"),
        new("missing translation in a question", "questionnaire-2026.yaml", "text: {nl: Wat wilt u nog kwijt?, en: Anything else?}", "text: {nl: Wat wilt u nog kwijt?}", "text: {nl: Wat wilt u nog kwijt?}", "missing English translation 'en'"),
        new("two level questions", "questionnaire-2026.yaml", "      - id: bio.audit\n        type: single", "      - id: bio.audit\n        type: level", "      - id: bio.niveau", "has 2 questions of type 'level'"),
        new("options on a yes/no question", "questionnaire-2026.yaml", "        requiredForLevel: 3\n", "        requiredForLevel: 3\n        options: [{id: ja, label: {nl: Ja, en: Yes}, value: 1}, {id: nee, label: {nl: Nee, en: No}, value: 0}]\n", "        options: [{id: ja", "'options' is not allowed on a yesno question"),
        new("mapping to a question that does not exist", "questionnaire-2026.yaml", "      to: digid.sms\n", "      to: digid.smss\n", "      to: digid.smss", "mapping to 'digid.smss', which does not exist in this questionnaire"),
        new("mapping from a question that never existed", "questionnaire-2026.yaml", "      from: bio.oud\n", "      from: bio.ouder\n", "      from: bio.ouder", "mapping from 'bio.ouder', which does not exist in version 2024"),
        new("question gone without a mapping entry", "questionnaire-2026.yaml", "    - kind: removed\n      from: bio.oud\n      note: The BIG was replaced by the BIO.\n", "", "    - kind: renamed", "question 'bio.oud' of version 2024 is gone without a mapping entry"),
        new("new question without a mapping entry", "questionnaire-2026.yaml", "    - kind: added\n      to: bio.incidenten\n", "", "      - id: bio.incidenten", "question 'bio.incidenten' is new since version 2024 but has no mapping entry"),
        new("split into questions of another type", "questionnaire-2026.yaml", "      to: [mijnoverheid.berichtenbox, mijnoverheid.lopende-zaken]", "      to: [mijnoverheid.berichtenbox, bio.toelichting]", "      to: [mijnoverheid.berichtenbox, bio.toelichting]", "'mijnoverheid.berichten' is a yesno question but 'bio.toelichting' is text"),
        new("zero condition weight", "questionnaire-2026.yaml", "        requiredForLevel: 3\n", "        requiredForLevel: 3\n        weight: 0\n", "        weight: 0", "weight 0 on a condition for level 3"),
        new("a question in the place of something that is not a condition", "questionnaire-2026.yaml", "      - id: bio.incidenten\n", "      - id: bio.incidenten\n        notApplicableInstead: bio.audit\n", "notApplicableInstead: bio.audit", "only a condition for a level ('requiredForLevel') that may be 'notApplicable'"),
        new("a condition without 'not applicable' naming what takes its place", "questionnaire-2026.yaml", "        requiredForLevel: 3\n", "        requiredForLevel: 3\n        notApplicableInstead: digid.aanvragen\n", "notApplicableInstead: digid.aanvragen", "only a condition for a level ('requiredForLevel') that may be 'notApplicable'"),
        new("a condition in the place of a question of another block", "questionnaire-2026.yaml", "        requiredForLevel: 3\n", "        requiredForLevel: 3\n        notApplicable: true\n        notApplicableInstead: bio.audit\n", "notApplicableInstead: bio.audit", "'bio.audit' is not a question of the same block"),
        new("a free text in the place of a condition", "questionnaire-2026.yaml", "        requiredForLevel: 3\n", "        requiredForLevel: 3\n        notApplicable: true\n        notApplicableInstead: digid.niveau\n", "notApplicableInstead: digid.niveau", "must be another scored question that is not the level question"),
        new("negative question weight", "questionnaire-2026.yaml", "        requiredForLevel: 3\n", "        requiredForLevel: 3\n        weight: -2\n", "        weight: -2", "negative weight -2"),
    ];

    [Theory]
    [MemberData(nameof(Breakages))]
    public void ValidationNamesFileLineAndProblem(Breakage breakage)
    {
        var folder = CopyFixtures();
        var path = Path.Combine(folder, breakage.File);
        var text = File.ReadAllText(path);
        Assert.True(CountOf(text, breakage.Find) == 1, $"'{breakage.Find}' must occur exactly once in {breakage.File}");
        var broken = text.Replace(breakage.Find, breakage.Replace, StringComparison.Ordinal);
        File.WriteAllText(path, broken);
        var expectedLine = LineOf(broken, breakage.LineOf);

        var problems = QuestionnaireCatalog.ValidateFile(path);

        var match = problems.FirstOrDefault(p => p.Message.Contains(breakage.Message, StringComparison.Ordinal));
        Assert.True(match is not null, $"expected a problem containing '{breakage.Message}'; got:\n{string.Join("\n", problems)}");
        Assert.Equal(path, match.File);
        Assert.Equal(expectedLine, match.Line);
        Assert.StartsWith($"{path}:{expectedLine}:", match.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheUnbrokenFixturesAreValid()
    {
        var folder = CopyFixtures();
        foreach (var file in Directory.GetFiles(folder, "*.yaml"))
        {
            Assert.Empty(QuestionnaireCatalog.ValidateFile(file));
        }

        Assert.True(QuestionnaireCatalog.TryLoadDirectory(folder).Succeeded);
    }

    [Fact]
    public void AConditionWeighingZeroIsRefusedWithFileLineAndColumnOfTheZero()
    {
        var folder = CopyFixtures();
        var path = Path.Combine(folder, "questionnaire-2026.yaml");
        var broken = File.ReadAllText(path).Replace("        requiredForLevel: 3\n", "        requiredForLevel: 3\n        weight: 0\n", StringComparison.Ordinal);
        File.WriteAllText(path, broken);
        var line = LineOf(broken, "        weight: 0");
        var column = broken.Split('\n')[line - 1].IndexOf("weight: 0", StringComparison.Ordinal) + "weight: ".Length + 1; // the offending value

        var result = QuestionnaireCatalog.TryLoadDirectory(folder);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith($"{path}:{line}:{column}: ", problem.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("/weight: weight 0 on a condition for level 3 would leave it out of the block's progress; a condition's weight must be greater than 0", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblemIsReportedNotJustTheFirst()
    {
        var folder = CopyFixtures();
        var path = Path.Combine(folder, "model.yaml");
        var text = File.ReadAllText(path)
            .Replace("weight: 1.5", "weight: -1.5", StringComparison.Ordinal)
            .Replace("name: {nl: BIO, en: BIO}", "name: {nl: BIO}", StringComparison.Ordinal)
            .Replace("prerequisites: [digid]", "prerequisites: [digi]", StringComparison.Ordinal);
        File.WriteAllText(path, text);

        var problems = QuestionnaireCatalog.ValidateFile(path);

        Assert.Contains(problems, p => p.Message.Contains("negative weight", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("missing English translation", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("unknown prerequisite", StringComparison.Ordinal));
    }

    [Fact]
    public void ABrokenFileInTheFolderIsReportedNotSilentlySkipped()
    {
        var folder = CopyFixtures();
        File.WriteAllText(Path.Combine(folder, "questionnaire-2026.yaml"), File.ReadAllText(Path.Combine(folder, "questionnaire-2026.yaml")).Replace("kind: questionnaire", "kind: [questionnaire", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(folder, "notes.yaml"), "kind: notities\n");

        var result = QuestionnaireCatalog.TryLoadDirectory(folder);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.File.EndsWith("questionnaire-2026.yaml", StringComparison.Ordinal) && p.Message.StartsWith("YAML syntax error", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.File.EndsWith("notes.yaml", StringComparison.Ordinal) && p.Message.Contains("unknown kind 'notities'", StringComparison.Ordinal));
    }

    [Fact]
    public void OneBadDomainDoesNotMakeItsBlocksReportAnUnknownDomain()
    {
        var folder = CopyFixtures();
        var path = Path.Combine(folder, "model.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("    weight: 2\n  - id: veiligheid", "    weight: zwaar\n  - id: veiligheid", StringComparison.Ordinal));

        var problems = QuestionnaireCatalog.ValidateFile(path);

        var problem = Assert.Single(problems);
        Assert.Contains("expected a number, found 'zwaar'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AQuestionWithABadTypeIsNotAlsoReportedAsMissingFromTheMapping()
    {
        var folder = CopyFixtures();
        var path = Path.Combine(folder, "questionnaire-2026.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("id: bio.audit\n        type: single", "id: bio.audit\n        type: enkel", StringComparison.Ordinal));

        var problems = QuestionnaireCatalog.ValidateFile(path);

        Assert.Contains(problems, p => p.Message.Contains("unknown question type 'enkel'", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Message.Contains("bio.audit", StringComparison.Ordinal) && p.Message.Contains("mapping", StringComparison.Ordinal));
    }

    [Fact]
    public void AMultipleChoiceWhoseOptionsAreAllWorthNothingIsRefused()
    {
        var folder = CopyFixtures();
        var path = Path.Combine(folder, "questionnaire-2026.yaml");
        var text = File.ReadAllText(path)
            .Replace("en: Change of address}, value: 1}", "en: Change of address}, value: 0}", StringComparison.Ordinal)
            .Replace("en: Parking permit}, value: 1}", "en: Parking permit}, value: 0}", StringComparison.Ordinal)
            .Replace("en: Waste card}, value: 0.5}", "en: Waste card}, value: 0}", StringComparison.Ordinal);
        File.WriteAllText(path, text);

        Assert.Contains(QuestionnaireCatalog.ValidateFile(path), p => p.Message.Contains("every option is worth 0", StringComparison.Ordinal));
    }

    [Fact]
    public void AQuestionnaireIsNotLoadedWhenItsModelIsBroken()
    {
        var folder = CopyFixtures();
        File.WriteAllText(Path.Combine(folder, "model.yaml"), File.ReadAllText(Path.Combine(folder, "model.yaml")).Replace("weight: 1.5", "weight: -1", StringComparison.Ordinal));

        var result = QuestionnaireCatalog.TryLoadDirectory(folder);

        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        Assert.Contains(result.Problems, p => p.Message.Contains("negative weight", StringComparison.Ordinal));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var index = text.IndexOf(part, StringComparison.Ordinal); index >= 0; index = text.IndexOf(part, index + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static int LineOf(string text, string part)
    {
        var index = text.IndexOf(part, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{part}' not found in the broken file");
        return text[..index].Count(c => c == '\n') + 1 + part.TakeWhile(c => c == '\n').Count();
    }

    private static string CopyFixtures()
    {
        var folder = Path.Combine(Path.GetTempPath(), "benchmark-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(RepositoryPaths.Fixture("mini")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }
}
