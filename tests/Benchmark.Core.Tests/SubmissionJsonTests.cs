using Benchmark.Core.Application;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Tests;

public sealed class SubmissionJsonTests
{
    private static IReadOnlyList<SubmissionError> Errors(string json, ValidationMode mode = ValidationMode.Final, int? cycle = null, string? municipality = null)
    {
        var (submission, errors) = SubmissionJson.Read(json, TestData.Example.Version, mode, cycle, municipality);
        Assert.Null(submission);
        return errors;
    }

    private static string Valid(string answers, string extra = "") =>
        "{\"municipality\":\"GM9999\",\"cycle\":2026,\"questionnaire\":\"2026\"" + extra + ",\"answers\":{" + answers + "}}";

    [Fact]
    public void TheExampleSubmissionReadsAndWritesBackUnchanged()
    {
        var submission = TestData.ExampleSubmission();
        var written = SubmissionJson.Write(submission, TestData.Example.Version("2026")!);
        var reread = TestData.ReadValid(written, TestData.Example);

        Assert.Equal(written, SubmissionJson.Write(reread, TestData.Example.Version("2026")!));
        Assert.Equal(7, reread.Answers.Count);
        Assert.Equal(5, reread.Targets["digid"]);
    }

    [Theory]
    [InlineData("\"digid.niveau\":{\"value\":6,\"explanation\":\"x\"}", "/answers/digid.niveau/value", "level")]
    [InlineData("\"digid.niveau\":{\"value\":\"3\",\"explanation\":\"x\"}", "/answers/digid.niveau/value", "level")]
    [InlineData("\"digid.sms\":{\"value\":\"ja\"}", "/answers/digid.sms/value", "true (yes) or false")]
    [InlineData("\"bio.audit\":{\"value\":\"misschien\"}", "/answers/bio.audit/value", "geen, gepland, uitgevoerd")]
    [InlineData("\"digid.aanvragen\":{\"value\":[\"geen\",\"afval\"]}", "/answers/digid.aanvragen/value", "cannot be combined")]
    [InlineData("\"digid.aanvragen\":{\"value\":[\"afval\",\"afval\"]}", "/answers/digid.aanvragen/value/1", "chosen twice")]
    [InlineData("\"bio.incidenten\":{\"value\":-1}", "/answers/bio.incidenten/value", "outside the allowed range")]
    [InlineData("\"bio.incidenten\":{\"value\":1.5}", "/answers/bio.incidenten/value", "whole number")]
    [InlineData("\"bio.incidenten\":{\"value\":1e400}", "/answers/bio.incidenten/value", "expected a number")]
    [InlineData("\"digid.onbekend\":{\"value\":true}", "/answers/digid.onbekend", "unknown question")]
    [InlineData("\"digid.niveau\":{\"value\":3}", "/answers/digid.niveau/explanation", "needs an explanation")]
    [InlineData("\"digid.niveau\":{\"notApplicable\":true,\"reason\":\"x\"}", "/answers/digid.niveau/notApplicable", "not allowed")]
    [InlineData("\"mijnoverheid.niveau\":{\"notApplicable\":true}", "/answers/mijnoverheid.niveau/reason", "needs a reason")]
    [InlineData("\"mijnoverheid.niveau\":{\"notApplicable\":true,\"reason\":\"x\",\"value\":2}", "/answers/mijnoverheid.niveau/value", "either a value or")]
    [InlineData("\"digid.sms\":{\"value\":true,\"reason\":\"x\"}", "/answers/digid.sms/reason", "only goes with")]
    [InlineData("\"digid.sms\":{\"value\":true,\"evidence\":\"x\"}", "/answers/digid.sms/evidence", "goes with the level question")]
    [InlineData("\"digid.sms\":true", "/answers/digid.sms", "expected an answer object")]
    [InlineData("\"digid.sms\":{\"value\":true,\"practiceNote\":{\"contactRole\":\"CISO\"}}", "/answers/digid.sms/practiceNote/text", "needs a text")]
    public void EveryBrokenRuleIsReportedWithAJsonPointer(string answers, string pointer, string message)
    {
        var errors = Errors(Valid(answers));

        Assert.Contains(errors, e => e.Pointer == pointer && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void AllErrorsAreReportedAtOnce()
    {
        var errors = Errors(Valid("\"digid.niveau\":{\"value\":9},\"digid.sms\":{\"value\":1},\"x.y\":{}"));

        Assert.Equal(
            ["/answers/digid.niveau/value", "/answers/digid.niveau/explanation", "/answers/digid.sms/value", "/answers/x.y"],
            errors.Select(e => e.Pointer));
    }

    [Fact]
    public void ADraftMayLackExplanationsButASubmissionMayNot()
    {
        var json = Valid("\"digid.niveau\":{\"value\":3}");

        Assert.NotNull(SubmissionJson.Read(json, TestData.Example.Version, ValidationMode.Draft).Submission);
        Assert.Contains(Errors(json, ValidationMode.Final), e => e.Pointer == "/answers/digid.niveau/explanation");
    }

    [Theory]
    [InlineData("{", "", "malformed JSON")]
    [InlineData("[]", "", "expected a JSON object")]
    [InlineData("{\"municipality\":\"Utrecht\",\"cycle\":2026,\"questionnaire\":\"2026\"}", "/municipality", "'GM' and four digits")]
    [InlineData("{\"municipality\":\"GM9999\",\"cycle\":\"2026\",\"questionnaire\":\"2026\"}", "/cycle", "whole number")]
    [InlineData("{\"municipality\":\"GM9999\",\"cycle\":2026,\"questionnaire\":\"1999\"}", "/questionnaire", "unknown questionnaire version")]
    [InlineData("{\"municipality\":\"GM9999\",\"cycle\":2026,\"questionnaire\":\"2026\",\"targets\":{\"digid\":7}}", "/targets/digid", "from 1 to 5")]
    [InlineData("{\"municipality\":\"GM9999\",\"cycle\":2026,\"questionnaire\":\"2026\",\"targets\":{\"nope\":3}}", "/targets/nope", "unknown building block")]
    [InlineData("{\"municipality\":\"GM9999\",\"cycle\":2026,\"questionnaire\":\"2026\",\"extra\":1}", "/extra", "unknown property")]
    [InlineData("{\"cycle\":2026,\"questionnaire\":\"2026\"}", "/municipality", "missing required property")]
    public void TheEnvelopeIsValidated(string json, string pointer, string message)
    {
        Assert.Contains(Errors(json), e => e.Pointer == pointer && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void AnswersReadFromABodyInAnyOrderComeOutAsTheyDoReadBackFromTheirCanonicalForm()
    {
        var questionnaire = TestData.Example.Version("2026")!;
        var canonical = SubmissionJson.Write(TestData.ExampleSubmission(), questionnaire);
        var node = System.Text.Json.Nodes.JsonNode.Parse(canonical)!.AsObject();
        var reversed = new System.Text.Json.Nodes.JsonObject();
        foreach (var (id, answer) in node["answers"]!.AsObject().Reverse().ToList())
        {
            reversed[id] = answer!.DeepClone();
        }

        node["answers"] = reversed;
        var fromBody = TestData.ReadValid(node.ToJsonString(), TestData.Example);
        var fromStorage = TestData.ReadValid(canonical, TestData.Example);

        Assert.Equal(fromStorage.Answers.Keys, fromBody.Answers.Keys);
        Assert.Equal(fromStorage.Targets.Keys, fromBody.Targets.Keys);
        Assert.Equal(canonical, SubmissionJson.Write(fromBody, questionnaire));
    }

    [Fact]
    public void AnswersReadAsADraftAreNotCheckedTwiceAsADraftButAreCheckedAgainToBeSubmittedOrForAnotherMunicipality()
    {
        var cycle = new Cycle(2026, "2026", CycleStatus.Open, DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow, null);
        var body = System.Text.Encoding.UTF8.GetBytes(Valid("\"digid.niveau\":{\"value\":3}"));
        var draft = SubmissionAnswers.Read(body, cycle, "GM9999", TestData.Example, ValidationMode.Draft);
        Assert.True(draft.Succeeded);

        Assert.Same(draft.Value, SubmissionAnswers.Check(draft.Value!, cycle, "GM9999", TestData.Example, ValidationMode.Draft).Value);
        var final = SubmissionAnswers.Check(draft.Value!, cycle, "GM9999", TestData.Example, ValidationMode.Final);
        Assert.Contains(final.Refusal!.Errors!, e => e.Pointer == "/answers/digid.niveau/explanation");
        Assert.True(SubmissionAnswers.Check(draft.Value!, cycle, "GM9998", TestData.Example, ValidationMode.Draft).Failed);
    }

    [Fact]
    public void AnAnswersUnknownPropertyIsRefusedAndAnEscapedKnownNameIsNot()
    {
        Assert.Contains(Errors(Valid("\"digid.sms\":{\"value\":true,\"waarde\":1}")), e => e.Pointer == "/answers/digid.sms/waarde" && e.Message.Contains("unknown property", StringComparison.Ordinal));

        var (submission, errors) = SubmissionJson.Read(Valid("\"digid.sms\":{\"\\u0076alue\":true}"), TestData.Example.Version, ValidationMode.Draft);
        Assert.Empty(errors);
        Assert.Equal(new YesNoValue(true), submission!.Answers["digid.sms"].Value);
    }

    [Theory]
    [InlineData("{\"municipality\":\"GM9999\",\"municipality\":\"GM9998\",\"cycle\":2026,\"questionnaire\":\"2026\"}", "/municipality")]
    [InlineData("{\"municipality\":\"GM9999\",\"cycle\":2026,\"questionnaire\":\"2026\",\"answers\":{\"digid.sms\":{\"value\":true,\"value\":false}}}", "/answers/digid.sms/value")]
    [InlineData("{\"municipality\":\"GM9999\",\"cycle\":2026,\"questionnaire\":\"2026\",\"targets\":{\"digid\":3,\"digid\":4}}", "/targets/digid")]
    public void AKeyGivenTwiceIsRefusedNotSilentlyOverwritten(string json, string pointer)
    {
        Assert.Contains(Errors(json), e => e.Pointer == pointer && e.Message.Contains("appears more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void InvalidUtf8IsMalformedJsonAndALoneSurrogateIsRefusedWhereItIsNotACrash()
    {
        var invalid = System.Text.Encoding.UTF8.GetBytes(Valid("\"bio.toelichting\":{\"value\":\"X\"}")).Select(b => b == (byte)'X' ? (byte)0xC3 : b).ToArray();
        var surrogate = System.Text.Encoding.UTF8.GetBytes(Valid("\"bio.toelichting\":{\"value\":\"\\ud800\"}"));

        Assert.Contains(SubmissionJson.ReadUtf8(invalid, TestData.Example.Version, ValidationMode.Draft).Errors, e => e.Pointer == "" && e.Message.Contains("UTF-8", StringComparison.Ordinal));
        Assert.Contains(SubmissionJson.ReadUtf8(surrogate, TestData.Example.Version, ValidationMode.Draft).Errors, e => e.Pointer == "/answers/bio.toelichting/value" && e.Message.Contains("surrogate", StringComparison.Ordinal));
    }

    [Fact]
    public void AnswersForAnotherCycleOrMunicipalityAreRefused()
    {
        var json = Valid("");

        Assert.Contains(Errors(json, cycle: 2025), e => e.Pointer == "/cycle" && e.Message.Contains("not 2025", StringComparison.Ordinal));
        Assert.Contains(Errors(json, municipality: "GM0363"), e => e.Pointer == "/municipality");
    }

    [Fact]
    public void DeeplyNestedJsonIsRefusedNotFollowed()
    {
        var json = Valid("\"bio.toelichting\":{\"value\":" + new string('[', 200) + new string(']', 200) + "}");

        Assert.Contains(Errors(json), e => e.Message.Contains("malformed JSON", StringComparison.Ordinal));
    }

    [Fact]
    public void TextIsKeptAsTextWhateverItLooksLike()
    {
        const string hostile = "'; DROP TABLE answers; -- <script>alert(1)</script> PartitionKey eq 'x' or true";
        var json = Valid($"\"bio.toelichting\":{{\"value\":{System.Text.Json.JsonSerializer.Serialize(hostile)}}}");

        var submission = TestData.ReadValid(json, TestData.Example);

        Assert.Equal(hostile, ((TextValue)submission.Answers["bio.toelichting"].Value!).Text);
    }

    [Fact]
    public void OverlongTextIsRefused()
    {
        var json = Valid($"\"bio.toelichting\":{{\"value\":\"{new string('a', SubmissionJson.MaxTextLength + 1)}\"}}");

        Assert.Contains(Errors(json), e => e.Pointer == "/answers/bio.toelichting/value" && e.Message.Contains("longer than", StringComparison.Ordinal));
    }
}
