using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Submissions;

namespace Benchmark.Core.Tests;

public sealed class SubmissionTranslatorTests
{
    private static readonly QuestionnaireCatalog Mini = QuestionnaireCatalog.LoadDirectory(RepositoryPaths.Fixture("mini"));

    private static Submission Old() => TestData.ReadValid(
        """
        {"municipality":"GM9999","cycle":2025,"questionnaire":"2024","answers":{
          "digid.niveau":{"value":3,"explanation":"x"},
          "digid.sms-controle":{"value":true},
          "mijnoverheid.niveau":{"value":2,"explanation":"x"},
          "mijnoverheid.berichten":{"value":false},
          "bio.niveau":{"value":4,"explanation":"x"},
          "bio.audit":{"value":"uitgevoerd"},
          "bio.oud":{"value":true}},
         "targets":{"bio":5}}
        """,
        Mini);

    [Fact]
    public void RenamedSplitUnchangedRemovedAndAddedQuestionsAreCarriedAsMapped()
    {
        var translated = SubmissionTranslator.Translate(Mini, Old(), "2026");

        Assert.Equal("2026", translated.QuestionnaireVersion);
        Assert.Equal(new YesNoValue(true), translated.Answers["digid.sms"].Value);
        Assert.Equal(new YesNoValue(false), translated.Answers["mijnoverheid.berichtenbox"].Value);
        Assert.Equal(new YesNoValue(false), translated.Answers["mijnoverheid.lopende-zaken"].Value);
        Assert.Equal(new ChoiceValue("uitgevoerd"), translated.Answers["bio.audit"].Value);
        Assert.Equal(new LevelValue(4), translated.Answers["bio.niveau"].Value);
        Assert.False(translated.Answers.ContainsKey("bio.oud"));
        Assert.False(translated.Answers.ContainsKey("bio.incidenten"));
        Assert.Equal(5, translated.Targets["bio"]);
    }

    [Fact]
    public void ATranslatedDemoSubmissionIsValidInTheNewVersionAndKeepsRenamedOptions()
    {
        var catalog = TestData.Real;
        var latest = catalog.Version("2026")!;
        var renamedWithOptions = latest.Mapping!.Changes.First(c => c.Options.Count > 0);
        var old = DemoGenerator.Generate(catalog, 3, [2025]).Submissions.First(s => s.Answers.TryGetValue(renamedWithOptions.From!, out var a) && a.Value is not null);

        var translated = SubmissionTranslator.Translate(catalog, old, latest.Version);
        // The translation is for comparison, not for submitting; check its answers as if given in the new version's cycle.
        var json = SubmissionJson.Write(translated with { Cycle = latest.FirstCycle }, latest);
        var (reread, errors) = SubmissionJson.Read(json, catalog.Version, ValidationMode.Draft);

        Assert.True(reread is not null, string.Join("\n", errors));
        var oldOption = ((ChoiceValue)old.Answers[renamedWithOptions.From!].Value!).OptionId;
        Assert.Equal(new ChoiceValue(renamedWithOptions.Options[oldOption]), translated.Answers[renamedWithOptions.To[0]].Value);
    }

    [Fact]
    public void TranslatingBackwardsIsRefused()
    {
        var newer = SubmissionTranslator.Translate(Mini, Old(), "2026");

        Assert.Throws<InvalidOperationException>(() => SubmissionTranslator.Translate(Mini, newer, "2024"));
    }
}
