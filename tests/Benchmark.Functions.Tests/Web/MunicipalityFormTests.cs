using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Submissions;
using Benchmark.Functions.Web;
using Microsoft.AspNetCore.Http;

namespace Benchmark.Functions.Tests.Web;

/// <summary>The questionnaire form as plain code: posted fields to answers, with Dutch errors on the right field.</summary>
public sealed class MunicipalityFormTests
{
    private static readonly QuestionnaireCatalog Catalog = QuestionnaireCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "questionnaires"));
    private static readonly Questionnaire Questionnaire = Catalog.Version("2026")!;
    private static readonly WebText Dutch = new(new HttpContextAccessor());

    private static QuestionnaireBlock BlockWith(Func<Question, bool> predicate) => Questionnaire.Blocks.First(b => b.Questions.Any(predicate));

    [Fact]
    public void FieldIdsHaveNoDotsAndAreUniqueOnEveryPage()
    {
        var ids = Questionnaire.Questions.SelectMany(q => new[] { QuestionnaireFields.Value(q), QuestionnaireFields.Explanation(q), QuestionnaireFields.NotApplicable(q), QuestionnaireFields.Reason(q) })
            .Concat(Questionnaire.Blocks.SelectMany(b => new[] { QuestionnaireFields.Block(b.BlockId), QuestionnaireFields.Note(b.BlockId), QuestionnaireFields.NoteRole(b.BlockId) }))
            .ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^[a-z][a-z0-9_-]*$", id));
    }

    [Fact]
    public void AnswersReadBackAsTheSameFormValues()
    {
        var block = BlockWith(q => q.Type == QuestionType.Number);
        var number = block.Questions.First(q => q.Type == QuestionType.Number);
        var form = new QuestionnaireFormState();
        form.Set(QuestionnaireFields.Value(block.LevelQuestion), "4");
        form.Set(QuestionnaireFields.Explanation(block.LevelQuestion), "Zo zit het");
        form.Set(QuestionnaireFields.Value(number), "12");
        form.Set(QuestionnaireFields.Note(block.BlockId), "Het werkte");
        form.Set(QuestionnaireFields.NoteRole(block.BlockId), "adviseur");
        form.Set(QuestionnaireFields.Consent, "ja");

        var read = QuestionnaireForm.Read(form, [block], Dutch);

        Assert.False(read.Errors.Any, string.Join("; ", read.Errors.All));
        Assert.True(read.ConsentToBeNamed);
        Assert.Equal(new Answer(new LevelValue(4), false, null, "Zo zit het", new PracticeNote("Het werkte", "adviseur")), read.Answers[block.LevelQuestion.Id]);
        Assert.Equal(new NumberValue(12), read.Answers[number.Id]!.Value);
        var merged = QuestionnaireForm.Merge(null, "GM0001", 2026, "2026", read);
        var back = QuestionnaireForm.ToState([block], merged);
        Assert.Equal("4", back.Get(QuestionnaireFields.Value(block.LevelQuestion)));
        Assert.Equal("Het werkte", back.Get(QuestionnaireFields.Note(block.BlockId)));
        Assert.Equal("12", back.Get(QuestionnaireFields.Value(number)));
    }

    [Theory]
    [InlineData("veel", "Vul bij")]
    [InlineData("-1", "van 0 tot en met")]
    [InlineData("1,5", "heel getal")]
    public void AWrongNumberIsNamedAtItsField(string value, string message)
    {
        var block = BlockWith(q => q.Type == QuestionType.Number && q.Min == 0 && q.IntegerOnly && q.Max is not null);
        var number = block.Questions.First(q => q.Type == QuestionType.Number && q.Min == 0 && q.IntegerOnly && q.Max is not null);
        var form = new QuestionnaireFormState();
        form.Set(QuestionnaireFields.Value(number), value);

        var read = QuestionnaireForm.Read(form, [block], Dutch);

        Assert.Contains(message, read.Errors.For(QuestionnaireFields.Value(number)), StringComparison.Ordinal);
    }

    [Fact]
    public void NotApplicableNeedsAReasonAndNoValue()
    {
        var question = Questionnaire.Questions.First(q => q.NotApplicableAllowed && q.Type == QuestionType.YesNo);
        var block = Questionnaire.BlocksById[question.BlockId];
        var form = new QuestionnaireFormState();
        form.Set(QuestionnaireFields.NotApplicable(question), "ja");
        form.Set(QuestionnaireFields.Value(question), QuestionnaireFields.Yes);

        var read = QuestionnaireForm.Read(form, [block], Dutch);

        Assert.Contains("niet allebei", read.Errors.For(QuestionnaireFields.Focus(question)), StringComparison.Ordinal);
        Assert.Contains("reden", read.Errors.For(QuestionnaireFields.Reason(question)), StringComparison.Ordinal);

        form.Set(QuestionnaireFields.Value(question));
        form.Set(QuestionnaireFields.Reason(question), "Geen bedrijven");
        read = QuestionnaireForm.Read(form, [block], Dutch);
        Assert.False(read.Errors.Any);
        Assert.Equal(Answer.NotApplicableBecause("Geen bedrijven"), read.Answers[question.Id]);
    }

    [Fact]
    public void TooLongATextIsRefusedAndMergingKeepsOtherPagesAnswers()
    {
        var block = Questionnaire.Blocks[0];
        var other = Questionnaire.Blocks[^1];
        var form = new QuestionnaireFormState();
        form.Set(QuestionnaireFields.Explanation(block.LevelQuestion), new string('x', SubmissionJson.MaxTextLength + 1));
        Assert.Contains("korter", QuestionnaireForm.Read(form, [block], Dutch).Errors.For(QuestionnaireFields.Explanation(block.LevelQuestion)), StringComparison.Ordinal);

        var stored = new Submission("GM0001", 2026, "2026", true, new Dictionary<string, Answer>
        {
            [block.LevelQuestion.Id] = Answer.Of(new LevelValue(2)),
            [other.LevelQuestion.Id] = Answer.Of(new LevelValue(5)),
        }, new Dictionary<string, int> { [other.BlockId] = 5 });
        var empty = QuestionnaireForm.Read(new QuestionnaireFormState(), [block], Dutch);
        var merged = QuestionnaireForm.Merge(stored, "GM0001", 2026, "2026", empty);
        Assert.False(merged.Answers.ContainsKey(block.LevelQuestion.Id));
        Assert.Equal(new LevelValue(5), merged.Answers[other.LevelQuestion.Id].Value);
        Assert.Equal(5, merged.Targets[other.BlockId]);
    }

    [Theory]
    [InlineData("12", 12)]
    [InlineData("12,5", 12.5)]
    [InlineData(" 12.5 ", 12.5)]
    public void NumbersTakeACommaOrAPoint(string raw, double expected)
    {
        Assert.True(QuestionnaireForm.TryParseNumber(raw, out var number));
        Assert.Equal((decimal)expected, number);
    }

    [Theory]
    [InlineData("1.000,5")]
    [InlineData("1,000,5")]
    [InlineData("twaalf")]
    public void AmbiguousOrWordNumbersAreRefused(string raw) => Assert.False(QuestionnaireForm.TryParseNumber(raw, out _));
}
