using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Benchmark.Core.Demo;
using Benchmark.Core.Loading;
using Benchmark.Core.Model;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;
using Benchmark.Storage;
using Benchmark.Testing;

namespace Benchmark.Functions.Tests;

/// <summary>
/// Hundreds of generated bad submissions, each breaking exactly one rule of the submission format or of the
/// request: each must get the right status and a problem pointing at what is wrong, and none may change storage.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class BadSubmissionTests(AzuriteFixture fixture)
{
    /// <summary>Has a saved draft (version 1) while the bad cases run.</summary>
    private const string Existing = "GM0363";

    /// <summary>Has nothing saved: bad first saves must not leave a row behind.</summary>
    private const string Fresh = "GM0518";

    private const int Seed = 20_260_101;

    [Fact]
    public async Task EveryBrokenRuleGetsAProblemWithItsPointerAndNothingIsStored()
    {
        await using var server = await ApiServer.StartAsync(fixture, new Dictionary<string, string?> { ["RateLimit:PermitsPerMinute"] = "100000" });
        await Api.OpenCycleAsync(server);
        var keys = new Dictionary<string, string>
        {
            [Existing] = await server.CreateKeyAsync(Role.Municipality, Existing),
            [Fresh] = await server.CreateKeyAsync(Role.Municipality, Fresh),
        };
        using var existing = server.Client(keys[Existing]);
        using var fresh = server.Client(keys[Fresh]);
        var original = Api.ValidSubmission(server, Existing);
        var saved = await Api.SaveDraftAsync(existing, Existing, original);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"v1\"", saved.Headers.ETag!.Tag);
        var cases = BadSubmissionCorpus.Create(server, Existing, Fresh, Seed).Generate();
        Assert.True(cases.Count >= 200, $"only {cases.Count} cases");
        Assert.Empty(BadSubmissionCorpus.Rules.All.Except(cases.Select(c => c.Rule), StringComparer.Ordinal));
        var submissionsBefore = await Api.SnapshotAsync(server);
        var tablesBefore = await AllTablesAsync(server);

        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var badCase in cases)
        {
            // A connection of its own: the server may close one whose request body it did not read.
            failures.AddRange(await CheckAsync(() => server.Client(keys[badCase.Municipality]), badCase));
        }

        clock.Stop();

        // What the server logged for its own errors, to show where they come from.
        failures.AddRange(server.Logs.Lines
            .Where(line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal))
            .Select(line => "server log: " + Shorten(string.Join(" | ", line.Split('\n').Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Benchmark.", StringComparison.Ordinal)).Take(4))))
            .Distinct(StringComparer.Ordinal)
            .Take(5));

        if (await Api.SnapshotAsync(server) != submissionsBefore)
        {
            failures.Add("storage: the submissions table changed");
        }

        var tablesAfter = await AllTablesAsync(server);
        if (tablesAfter != tablesBefore)
        {
            failures.Add($"storage: the tables changed.\nBefore:\n{tablesBefore}\nAfter:\n{tablesAfter}");
        }

        var current = await existing.GetAsync(Api.SubmissionPath(Existing));
        var body = await Api.BodyAsync(current);
        if (current.StatusCode != HttpStatusCode.OK || current.Headers.ETag?.Tag != "\"v1\"" || body["version"]?.GetValue<int>() != 1 || body["status"]?.GetValue<string>() != "draft")
        {
            failures.Add($"storage: {Existing} no longer reads back as draft version 1: {(int)current.StatusCode} {current.Headers.ETag} {body.ToJsonString()}");
        }
        else if (body["submission"]!.ToJsonString() != original.ToJsonString())
        {
            failures.Add($"storage: {Existing}'s saved answers changed");
        }

        var versions = JsonNode.Parse(await existing.GetStringAsync(Api.SubmissionPath(Existing) + "/versions"))!.AsArray();
        if (versions.Count != 1)
        {
            failures.Add($"storage: {Existing} has {versions.Count} versions, not 1");
        }

        var nothing = await fresh.GetAsync(Api.SubmissionPath(Fresh));
        if (nothing.StatusCode != HttpStatusCode.NotFound)
        {
            failures.Add($"storage: a bad first save left something behind for {Fresh}: {(int)nothing.StatusCode}");
        }

        Assert.True(
            failures.Count == 0,
            $"{failures.Count} problem(s) with {cases.Count} bad submissions ({clock.Elapsed.TotalSeconds:0.0} s):\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task TheGeneratorMakesOverTwoHundredDistinctCasesBreakingEveryRuleFromValidStartingPoints()
    {
        await using var server = await ApiServer.StartAsync(fixture);
        var corpus = BadSubmissionCorpus.Create(server, Existing, Fresh, Seed);

        var cases = corpus.Generate();

        Assert.True(cases.Count >= 200, $"only {cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(BadSubmissionCorpus.Rules.All.Except(cases.Select(c => c.Rule), StringComparer.Ordinal));
        Assert.Empty(cases.Select(c => c.Rule).Except(BadSubmissionCorpus.Rules.All, StringComparer.Ordinal));
        Assert.Contains(cases, c => c.Municipality == Fresh && c.Endpoint == BadSubmissionCorpus.Draft);
        Assert.Contains(cases, c => c.Municipality == Fresh && c.Endpoint == BadSubmissionCorpus.Submit);
        Assert.Contains(cases, c => c.Municipality == Existing && c.Endpoint == BadSubmissionCorpus.Submit);

        // The same seed gives the same corpus.
        var again = BadSubmissionCorpus.Create(server, Existing, Fresh, Seed).Generate();
        Assert.Equal(cases.Select(c => c.Name), again.Select(c => c.Name));
        Assert.True(cases.Zip(again).All(p => p.First.Body is null ? p.Second.Body is null : p.Second.Body is not null && p.First.Body.AsSpan().SequenceEqual(p.Second.Body)));

        // Each case breaks one rule of something valid: the starting points pass the strictest check.
        var catalog = server.Service<QuestionnaireCatalog>();
        foreach (var (name, json) in corpus.StartingPoints())
        {
            var (submission, errors) = SubmissionJson.Read(json, catalog.Version, ValidationMode.Final, Api.Cycle, JsonNode.Parse(json)!["municipality"]!.GetValue<string>());
            Assert.True(submission is not null && errors.Count == 0, $"{name} is not valid: {string.Join("; ", errors)}");
        }
    }

    private static async Task<List<string>> CheckAsync(Func<HttpClient> connect, BadCase badCase)
    {
        var failures = new List<string>();
        HttpResponseMessage? response = null;

        // A server may answer an oversized upload and close the connection before the client has sent it all,
        // which the client can see as a failed send; only then is the request tried again.
        for (var attempt = 1; response is null; attempt++)
        {
            using var client = connect();
            using var request = badCase.ToRequest();
            try
            {
                response = await client.SendAsync(request);
            }
            catch (HttpRequestException) when (badCase.Rule == BadSubmissionCorpus.Rules.TooLarge && attempt < 3)
            {
                // Again, on a new connection.
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{badCase.Name}: no answer ({e.Message} {e.InnerException?.Message})");
                return failures;
            }
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                failures.Add($"{badCase.Name}: server error {status}, expected {badCase.Status} {Show(badCase.Pointers)}: {Shorten(text)}");
                return failures;
            }

            if (status != badCase.Status)
            {
                failures.Add($"{badCase.Name}: status {status}, expected {badCase.Status}: {Shorten(text)}");
            }

            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{badCase.Name}: content type '{response.Content.Headers.ContentType}', expected application/problem+json");
                return failures;
            }

            JsonObject problem;
            try
            {
                problem = JsonNode.Parse(text)!.AsObject();
            }
            catch (JsonException)
            {
                failures.Add($"{badCase.Name}: the problem is not JSON: {Shorten(text)}");
                return failures;
            }

            if (problem["status"]?.GetValue<int>() != status || string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()))
            {
                failures.Add($"{badCase.Name}: the problem lacks its status or title: {Shorten(text)}");
            }

            var errors = problem["errors"]?.AsArray() ?? [];
            if (errors.Any(e => e?["pointer"] is null || string.IsNullOrWhiteSpace(e["detail"]?.GetValue<string>())))
            {
                failures.Add($"{badCase.Name}: an error without pointer or detail: {Shorten(text)}");
                return failures;
            }

            var actual = Api.ErrorPointers(problem).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var expected = badCase.Pointers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
            var unexpected = actual.Except(expected, StringComparer.Ordinal)
                .Where(p => badCase.ToleratedPrefix is null || !p.StartsWith(badCase.ToleratedPrefix, StringComparison.Ordinal))
                .ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
            {
                failures.Add($"{badCase.Name}: pointers {Show(actual)}, expected {Show(expected)}{(badCase.ToleratedPrefix is null ? "" : $" (and any under {badCase.ToleratedPrefix})")}");
            }
        }

        return failures;
    }

    private static string Show(IReadOnlyCollection<string> pointers) =>
        "[" + string.Join(", ", pointers.Take(5).Select(p => $"'{p}'")) + (pointers.Count > 5 ? $", … {pointers.Count - 5} more" : "") + "]";

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>Every entity of every table, with its ETag: any write shows.</summary>
    private static async Task<string> AllTablesAsync(ApiServer server)
    {
        var rows = new List<string>();
        foreach (var table in server.Service<BenchmarkTables>().All)
        {
            await foreach (var entity in table.QueryAsync<TableEntity>())
            {
                rows.Add($"{table.Name}/{entity.PartitionKey}/{entity.RowKey}/{entity.ETag}");
            }
        }

        return string.Join("\n", rows.Order(StringComparer.Ordinal));
    }
}

/// <summary>One bad request and the answer it must get.</summary>
internal sealed record BadCase(
    string Rule,
    string Name,
    string Municipality,
    string Endpoint,
    byte[]? Body,
    string? ContentType,
    string? IfMatch,
    bool Chunked,
    int Status,
    IReadOnlyList<string> Pointers,
    string? ToleratedPrefix = null)
{
    public HttpRequestMessage ToRequest()
    {
        var method = Endpoint == BadSubmissionCorpus.Draft ? HttpMethod.Put : HttpMethod.Post;
        var request = new HttpRequestMessage(method, Api.SubmissionPath(Municipality) + "/" + Endpoint);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        if (IfMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", IfMatch);
        }

        if (Chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        // For an upload the server refuses unread, wait for its go-ahead, as clients of large uploads do: it
        // answers 413 at once, and the client does not write into a connection the server is closing.
        if (Body is { Length: > Benchmark.Functions.Http.RequestBody.MaxBytes })
        {
            request.Headers.ExpectContinue = true;
        }

        return request;
    }
}

/// <summary>
/// Generates bad submissions: starting from valid answers, each case breaks exactly one rule, for questions of
/// every type across the questionnaire. Seeded, so the same seed gives the same cases.
/// </summary>
internal sealed class BadSubmissionCorpus
{
    public const string Draft = "draft";
    public const string Submit = "submit";
    private const string Json = "application/json";
    private const string Marker = "@@MARKER@@";
    private static readonly JsonSerializerOptions LabelOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Questionnaire _questionnaire;
    private readonly JsonObject _valid;
    private readonly string _existing;
    private readonly string _fresh;
    private readonly int _seed;
    private Random _random;
    private readonly List<BadCase> _cases = [];
    private readonly Questionnaire? _otherQuestionnaire;
    private readonly JsonObject? _validForOtherQuestionnaire;

    private BadSubmissionCorpus(Questionnaire questionnaire, JsonObject valid, Questionnaire? other, JsonObject? validForOther, string existing, string fresh, int seed)
    {
        _questionnaire = questionnaire;
        _valid = valid;
        _otherQuestionnaire = other;
        _validForOtherQuestionnaire = validForOther;
        _existing = existing;
        _fresh = fresh;
        _seed = seed;
        _random = new Random(seed);
    }

    public static BadSubmissionCorpus Create(ApiServer server, string existing, string fresh, int seed)
    {
        var catalog = server.Service<QuestionnaireCatalog>();
        var questionnaire = catalog.ForCycle(Api.Cycle)!;

        // Answers that are valid for another questionnaire version, to send in this cycle.
        var other = catalog.Questionnaires.LastOrDefault(q => q.Version != questionnaire.Version && q.FirstCycle <= Api.Cycle);
        JsonObject? validForOther = null;
        if (other is not null)
        {
            validForOther = DemoGenerator.Generate(catalog, seed, [other.FirstCycle]).Submissions
                .Select(s => SubmissionJson.Write(s with { Municipality = existing, Cycle = Api.Cycle }, other))
                .Where(json => SubmissionJson.Read(json, catalog.Version, ValidationMode.Final, Api.Cycle, existing).Errors.Count == 0)
                .Select(json => JsonNode.Parse(json)!.AsObject())
                .FirstOrDefault();
        }

        return new BadSubmissionCorpus(questionnaire, Api.ValidSubmission(server, existing), other, validForOther, existing, fresh, seed);
    }

    /// <summary>The valid submissions the cases start from, to check that they are valid.</summary>
    public IEnumerable<(string Name, string Json)> StartingPoints()
    {
        yield return ("the valid submission", Base(_existing).ToJsonString());
        yield return ("the valid submission for the second municipality", Base(_fresh).ToJsonString());
        var everyQuestion = Base(_existing);
        foreach (var question in _questionnaire.Questions)
        {
            everyQuestion["answers"]![question.Id] = ValidAnswer(question);
        }

        foreach (var block in _questionnaire.Blocks)
        {
            everyQuestion["targets"]![block.BlockId] = 4;
        }

        yield return ("every question answered by the generator's own valid answer", everyQuestion.ToJsonString());
        if (_validForOtherQuestionnaire is not null)
        {
            yield return ("the valid answers for the other questionnaire version (valid as such)", _validForOtherQuestionnaire.ToJsonString());
        }
    }

    public IReadOnlyList<BadCase> Generate()
    {
        _cases.Clear();
        _random = new Random(_seed);
        QuestionRules();
        ValueTypeRules();
        RangeRules();
        ChoiceRules();
        ExplanationRules();
        NotApplicableRules();
        PropertyRules();
        TextRules();
        TopLevelRules();
        TargetRules();
        DocumentRules();
        RequestRules();
        return _cases.ToList();
    }

    /// <summary>The rules; every one is broken at least once.</summary>
    public static class Rules
    {
        public const string UnknownQuestion = "unknown question id";
        public const string AnsweredTwice = "question answered twice";
        public const string AnswerNotObject = "answer is not an object";
        public const string WrongTypeLevel = "level answer of the wrong type";
        public const string WrongTypeYesNo = "yes/no answer of the wrong type";
        public const string WrongTypeSingle = "single choice of the wrong type";
        public const string WrongTypeMulti = "multiple choice that is not a list";
        public const string WrongTypeNumber = "number answer of the wrong type";
        public const string WrongTypeText = "text answer of the wrong type";
        public const string LevelOutOfRange = "level not a whole number from 1 to 5";
        public const string NumberBelowMin = "number below the minimum";
        public const string NumberAboveMax = "number above the maximum";
        public const string NumberNotWhole = "fraction where a whole number is asked";
        public const string NumberUnrepresentable = "number too large to represent";
        public const string UnknownSingleOption = "unknown option in a single choice";
        public const string UnknownMultiOption = "unknown or non-string option in a multiple choice";
        public const string DuplicateOption = "option chosen twice";
        public const string ExclusiveCombined = "exclusive option combined with others";
        public const string MissingExplanation = "required explanation missing on submit";
        public const string NotApplicableNotAllowed = "not applicable where not allowed";
        public const string NotApplicableWithoutReason = "not applicable without a reason";
        public const string NotApplicableWithValue = "not applicable together with a value";
        public const string ReasonWithoutNotApplicable = "reason without not applicable";
        public const string NotApplicableNotBoolean = "notApplicable not true or false";
        public const string UnknownAnswerProperty = "unknown property in an answer";
        public const string UnknownTopLevelProperty = "unknown top-level property";
        public const string AnswersNotObject = "answers not an object";
        public const string TargetsNotObject = "targets not an object";
        public const string UnknownTargetBlock = "target for an unknown building block";
        public const string TargetOutOfRange = "target not a level from 1 to 5";
        public const string OtherMunicipality = "body for another municipality than the route";
        public const string InvalidMunicipalityCode = "municipality not a municipality code";
        public const string OtherCycle = "answers for another cycle";
        public const string CycleNotAYear = "cycle not a year";
        public const string UnknownQuestionnaire = "unknown questionnaire version";
        public const string QuestionnaireOfAnotherCycle = "questionnaire version not the cycle's";
        public const string MissingTopLevelProperty = "required top-level property missing";
        public const string TopLevelNotString = "municipality or questionnaire not a string";
        public const string ConsentNotBoolean = "consentToBeNamed not true or false";
        public const string TextTooLong = "text longer than 4000 characters";
        public const string TextNotString = "explanation, reason or note not a string";
        public const string UnsafeCharacter = "control, bidirectional or noncharacter in a text";
        public const string PracticeNoteWithoutText = "practice note without text";
        public const string PracticeNoteNotObject = "practice note not an object";
        public const string PracticeNoteUnknownProperty = "unknown property in a practice note";
        public const string RootNotObject = "body not a JSON object";
        public const string MalformedJson = "malformed JSON";
        public const string InvalidUtf8 = "invalid UTF-8";
        public const string TooDeep = "JSON nested too deeply";
        public const string TooLarge = "body over 1 MiB";
        public const string UnsupportedMediaType = "not JSON content type";
        public const string EmptyBody = "empty body on saving a draft";
        public const string InvalidIfMatch = "invalid If-Match";

        public static readonly IReadOnlyList<string> All =
        [
            UnknownQuestion, AnsweredTwice, AnswerNotObject, WrongTypeLevel, WrongTypeYesNo, WrongTypeSingle, WrongTypeMulti, WrongTypeNumber,
            WrongTypeText, LevelOutOfRange, NumberBelowMin, NumberAboveMax, NumberNotWhole, NumberUnrepresentable, UnknownSingleOption,
            UnknownMultiOption, DuplicateOption, ExclusiveCombined, MissingExplanation, NotApplicableNotAllowed, NotApplicableWithoutReason,
            NotApplicableWithValue, ReasonWithoutNotApplicable, NotApplicableNotBoolean, UnknownAnswerProperty, UnknownTopLevelProperty,
            AnswersNotObject, TargetsNotObject, UnknownTargetBlock, TargetOutOfRange, OtherMunicipality, InvalidMunicipalityCode, OtherCycle,
            CycleNotAYear, UnknownQuestionnaire, QuestionnaireOfAnotherCycle, MissingTopLevelProperty, TopLevelNotString, ConsentNotBoolean,
            TextTooLong, TextNotString, UnsafeCharacter, PracticeNoteWithoutText, PracticeNoteNotObject, PracticeNoteUnknownProperty, RootNotObject,
            MalformedJson, InvalidUtf8, TooDeep, TooLarge, UnsupportedMediaType, EmptyBody, InvalidIfMatch,
        ];
    }

    // ----------------------------------------------------------------------------------------------------------
    // Answers
    // ----------------------------------------------------------------------------------------------------------

    private void QuestionRules()
    {
        var first = _questionnaire.Questions.First();
        List<string> unknown =
        [
            "onbekend.vraag", first.Id.ToUpperInvariant(), first.Id + " ", " " + first.Id, "", "a/b~c", new string('q', 200),
            _questionnaire.Blocks[0].BlockId, first.Id + ".", "digid.niveau/value", "ü.vraag",
        ];

        // Questions of another questionnaire version that this one no longer asks.
        if (_otherQuestionnaire is not null)
        {
            unknown.AddRange(_otherQuestionnaire.Questions.Select(q => q.Id).Where(id => !_questionnaire.QuestionsById.ContainsKey(id)).Take(6));
        }

        foreach (var id in unknown.Where(id => !_questionnaire.QuestionsById.ContainsKey(id)).Distinct(StringComparer.Ordinal))
        {
            Body(Rules.UnknownQuestion, Label(id), m => WithAnswer(m, id, new JsonObject { ["value"] = true }), Pointer("answers", id));
        }

        foreach (var question in Sample(_questionnaire.Questions, 8))
        {
            Raw(
                Rules.AnsweredTwice,
                question.Id,
                m =>
                {
                    var json = WithAnswer(m, question.Id, ValidAnswer(question)).ToJsonString();
                    var duplicate = $"\"answers\":{{{JsonSerializer.Serialize(question.Id)}:{ValidAnswer(question).ToJsonString()},";
                    return Encoding.UTF8.GetBytes(json.Replace("\"answers\":{", duplicate, StringComparison.Ordinal));
                },
                Pointer("answers", question.Id));
        }

        string[] notObjects = ["3", "\"3\"", "true", "[]", "null", "[{\"value\":1}]", "\"{\\\"value\\\":3}\""];
        Spread(Rules.AnswerNotObject, Sample(_questionnaire.Questions, 8), notObjects, (question, raw) =>
            Body(Rules.AnswerNotObject, $"{question.Id} = {raw}", m => WithAnswer(m, question.Id, JsonNode.Parse(raw)), Pointer("answers", question.Id)));
    }

    private void ValueTypeRules()
    {
        WrongType(QuestionType.Level, Rules.WrongTypeLevel, _ => ["\"3\"", "true", "[3]", "{\"niveau\":3}", "\"drie\"", "\"\""]);
        WrongType(QuestionType.YesNo, Rules.WrongTypeYesNo, _ => ["\"true\"", "1", "0", "\"ja\"", "[true]", "{}", "\"false\""]);
        WrongType(QuestionType.Single, Rules.WrongTypeSingle, q => ["1", "true", $"[{Quote(q.Options[0].Id)}]", $"{{\"id\":{Quote(q.Options[0].Id)}}}"]);
        WrongType(QuestionType.Multi, Rules.WrongTypeMulti, q => [Quote(q.Options[0].Id), "true", "3", $"{{\"0\":{Quote(q.Options[0].Id)}}}", "\"\""]);
        WrongType(QuestionType.Number, Rules.WrongTypeNumber, _ => ["\"5\"", "true", "[5]", "{}", "\"1e3\"", "\"\""]);
        WrongType(QuestionType.Text, Rules.WrongTypeText, _ => ["5", "true", "[\"tekst\"]", "{\"nl\":\"tekst\"}", "false"]);
    }

    private void WrongType(QuestionType type, string rule, Func<Question, string[]> variants)
    {
        var questions = Sample(_questionnaire.Questions.Where(q => q.Type == type), 8);
        Spread(rule, questions, variants(questions[0]).Length, (question, i) =>
        {
            var raw = variants(question)[i % variants(question).Length];
            Body(rule, $"{question.Id} = {raw}", m => WithValue(m, question, JsonNode.Parse(raw)), Pointer("answers", question.Id, "value"));
        });
    }

    private void RangeRules()
    {
        string[] levels = ["0", "6", "-1", "2.5", "1e400", "2147483648", "100", "1.5e1", "-0", "3.0000001"];
        Spread(Rules.LevelOutOfRange, Sample(_questionnaire.Questions.Where(q => q.Type == QuestionType.Level), 10), levels, (question, raw) =>
            Body(Rules.LevelOutOfRange, $"{question.Id} = {raw}", m => WithValue(m, question, JsonNode.Parse(raw)), Pointer("answers", question.Id, "value")));

        var numbers = _questionnaire.Questions.Where(q => q.Type == QuestionType.Number).ToList();
        var index = 0;
        foreach (var question in numbers)
        {
            var value = Pointer("answers", question.Id, "value");
            if (question.Min is { } min)
            {
                var below = index % 2 == 0 ? min - 1 : min - 1_000_000;
                Body(Rules.NumberBelowMin, $"{question.Id} = {Invariant(below)}", m => WithValue(m, question, JsonValue.Create(below)), value);
            }

            if (question.Max is { } max)
            {
                var above = index % 2 == 0 ? max + 1 : (max * 1000) + 1;
                Body(Rules.NumberAboveMax, $"{question.Id} = {Invariant(above)}", m => WithValue(m, question, JsonValue.Create(above)), value);
            }

            if (question.IntegerOnly)
            {
                var fraction = (question.Min ?? 0) + (index % 2 == 0 ? 0.5m : 0.25m);
                Body(Rules.NumberNotWhole, $"{question.Id} = {Invariant(fraction)}", m => WithValue(m, question, JsonValue.Create(fraction)), value);
            }

            string[] huge = ["1e400", "-1e400", "1e29", "79228162514264337593543950336"];
            var raw = huge[index % huge.Length];
            Body(Rules.NumberUnrepresentable, $"{question.Id} = {raw}", m => WithValue(m, question, JsonNode.Parse(raw)), value);
            index++;
        }
    }

    private void ChoiceRules()
    {
        var singles = _questionnaire.Questions.Where(q => q.Type == QuestionType.Single).ToList();
        var index = 0;
        foreach (var question in singles)
        {
            var anotherQuestionsOption = singles.SelectMany(q => q.Options).Select(o => o.Id).FirstOrDefault(id => question.Option(id) is null) ?? "elders";
            string[] unknown = ["onbekend", question.Options[0].Id.ToUpperInvariant(), " " + question.Options[0].Id, "", anotherQuestionsOption, question.Options[^1].Id + "x"];
            foreach (var id in new[] { unknown[index % unknown.Length], unknown[(index + 3) % unknown.Length] })
            {
                Body(Rules.UnknownSingleOption, $"{question.Id} = {Label(id)}", m => WithValue(m, question, JsonValue.Create(id)), Pointer("answers", question.Id, "value"));
            }

            index++;
        }

        foreach (var question in _questionnaire.Questions.Where(q => q.Type == QuestionType.Multi))
        {
            var plain = question.Options.Where(o => !o.Exclusive).Select(o => o.Id).ToList();
            var a = Quote(plain[0]);
            var b = Quote(plain.Count > 1 ? plain[1] : plain[0]);
            var value = Pointer("answers", question.Id, "value");
            foreach (var (raw, at) in new[] { ($"[{a},\"onbekend\"]", "1"), ($"[{Quote(plain[0].ToUpperInvariant())}]", "0"), ("[1]", "0"), ($"[{a},null]", "1"), ($"[[{a}]]", "0") })
            {
                Body(Rules.UnknownMultiOption, $"{question.Id} = {raw}", m => WithValue(m, question, JsonNode.Parse(raw)), value + "/" + at);
            }

            Body(Rules.DuplicateOption, $"{question.Id} = [{a},{a}]", m => WithValue(m, question, JsonNode.Parse($"[{a},{a}]")), value + "/1");
            if (plain.Count > 1)
            {
                Body(Rules.DuplicateOption, $"{question.Id} = [{a},{b},{a}]", m => WithValue(m, question, JsonNode.Parse($"[{a},{b},{a}]")), value + "/2");
            }

            foreach (var exclusive in question.Options.Where(o => o.Exclusive).Select(o => Quote(o.Id)))
            {
                foreach (var raw in plain.Count > 1 ? new[] { $"[{a},{exclusive}]", $"[{exclusive},{a}]", $"[{a},{b},{exclusive}]" } : [$"[{a},{exclusive}]", $"[{exclusive},{a}]"])
                {
                    Body(Rules.ExclusiveCombined, $"{question.Id} = {raw}", m => WithValue(m, question, JsonNode.Parse(raw)), value);
                }
            }
        }
    }

    private void ExplanationRules()
    {
        // Drafts may lack explanations; submitting may not.
        var index = 0;
        foreach (var question in _questionnaire.Questions.Where(q => q.ExplanationRequired))
        {
            var variant = index++ % 5;
            var label = variant switch { 0 => "no explanation", 1 => "explanation \"\"", 2 => "explanation of spaces", 3 => "explanation null", _ => "explanation of a tab and newline" };
            SubmitBody(
                Rules.MissingExplanation,
                $"{question.Id}, {label}",
                m => WithAnswer(m, question.Id, ValidAnswer(question).Let(answer =>
                {
                    answer.Remove("explanation");
                    if (variant > 0)
                    {
                        answer["explanation"] = variant switch { 1 => "", 2 => "   ", 3 => null, _ => "\t\n" };
                    }
                })),
                Pointer("answers", question.Id, "explanation"));
        }
    }

    private void NotApplicableRules()
    {
        var allowed = _questionnaire.Questions.Where(q => q.NotApplicableAllowed).ToList();
        var notAllowed = Sample(_questionnaire.Questions.Where(q => !q.NotApplicableAllowed), 10);
        foreach (var question in notAllowed)
        {
            Body(
                Rules.NotApplicableNotAllowed,
                question.Id,
                m => WithAnswer(m, question.Id, new JsonObject { ["notApplicable"] = true, ["reason"] = "Niet van toepassing bij ons.", ["explanation"] = "Toelichting." }),
                Pointer("answers", question.Id, "notApplicable"));
        }

        var index = 0;
        foreach (var question in allowed)
        {
            var variant = index++ % 4;
            var answer = new JsonObject { ["notApplicable"] = true };
            if (variant > 0)
            {
                answer["reason"] = variant switch { 1 => "", 2 => "  \n ", _ => null };
            }

            Body(Rules.NotApplicableWithoutReason, $"{question.Id}, reason {answer["reason"]?.ToJsonString() ?? (variant == 0 ? "absent" : "null")}", m => WithAnswer(m, question.Id, answer.DeepClone()), Pointer("answers", question.Id, "reason"));
            Body(
                Rules.NotApplicableWithValue,
                question.Id,
                m => WithAnswer(m, question.Id, ValidAnswer(question).Let(a =>
                {
                    a["notApplicable"] = true;
                    a["reason"] = "Overgedragen aan de regio.";
                })),
                Pointer("answers", question.Id, "value"));
        }

        foreach (var question in Sample(_questionnaire.Questions, 10))
        {
            var withFalse = index++ % 2 == 0;
            Body(
                Rules.ReasonWithoutNotApplicable,
                $"{question.Id}{(withFalse ? ", notApplicable false" : "")}",
                m => WithAnswer(m, question.Id, ValidAnswer(question).Let(a =>
                {
                    if (withFalse)
                    {
                        a["notApplicable"] = false;
                    }

                    a["reason"] = "Een reden zonder 'niet van toepassing'.";
                })),
                Pointer("answers", question.Id, "reason"));
        }

        string[] notBooleans = ["\"true\"", "1", "\"ja\"", "[]", "0"];
        Spread(Rules.NotApplicableNotBoolean, Sample(_questionnaire.Questions, 5), notBooleans, (question, raw) =>
            Body(Rules.NotApplicableNotBoolean, $"{question.Id}, notApplicable = {raw}", m => WithAnswer(m, question.Id, ValidAnswer(question).Let(a => a["notApplicable"] = JsonNode.Parse(raw))), Pointer("answers", question.Id, "notApplicable")));
    }

    private void PropertyRules()
    {
        string[] names = ["valeu", "Value", "comment", "a/b", "x~y", "", "toelichting", "notapplicable", "practicenote", "__proto__"];
        Spread(Rules.UnknownAnswerProperty, Sample(_questionnaire.Questions, 10), names, (question, name) =>
            Body(Rules.UnknownAnswerProperty, $"{question.Id}.{Label(name)}", m => WithAnswer(m, question.Id, ValidAnswer(question).Let(a => a[name] = "x")), Pointer("answers", question.Id, name)));

        var notes = Sample(_questionnaire.Questions, 14);
        string[] withoutText = ["{\"contactRole\":\"Beleidsadviseur\"}", "{\"text\":\"\"}", "{\"text\":\"   \"}", "{\"text\":null}", "{}"];
        Spread(Rules.PracticeNoteWithoutText, notes.Take(5).ToList(), withoutText, (question, raw) =>
            Body(Rules.PracticeNoteWithoutText, $"{question.Id}, practiceNote = {raw}", m => WithNote(m, question, JsonNode.Parse(raw)), Pointer("answers", question.Id, "practiceNote", "text")));

        string[] notObjects = ["\"Wat goed werkte.\"", "5", "[]", "true", "[{\"text\":\"x\"}]"];
        Spread(Rules.PracticeNoteNotObject, notes.Skip(5).Take(5).ToList(), notObjects, (question, raw) =>
            Body(Rules.PracticeNoteNotObject, $"{question.Id}, practiceNote = {raw}", m => WithNote(m, question, JsonNode.Parse(raw)), Pointer("answers", question.Id, "practiceNote")));

        string[] extra = ["url", "Text", "contact", "a/b"];
        Spread(Rules.PracticeNoteUnknownProperty, notes.Skip(10).ToList(), extra, (question, name) =>
            Body(
                Rules.PracticeNoteUnknownProperty,
                $"{question.Id}, practiceNote.{Label(name)}",
                m => WithNote(m, question, new JsonObject { ["text"] = "Dit werkte goed.", [name] = "x" }),
                Pointer("answers", question.Id, "practiceNote", name)));
    }

    private void TextRules()
    {
        var longText = new string('x', SubmissionJson.MaxTextLength + 1);
        var longAccented = new string('é', SubmissionJson.MaxTextLength + 1);
        var veryLong = new string('y', 20_000);
        foreach (var (question, i) in _questionnaire.Questions.Where(q => q.Type == QuestionType.Text).Select((q, i) => (q, i)))
        {
            var text = i % 2 == 0 ? longText : longAccented;
            Body(Rules.TextTooLong, $"{question.Id} value of {text.Length} '{text[0]}'", m => WithValue(m, question, JsonValue.Create(text)), Pointer("answers", question.Id, "value"));
        }

        foreach (var (question, i) in Sample(_questionnaire.Questions, 4).Select((q, i) => (q, i)))
        {
            var text = i == 0 ? veryLong : longText;
            Body(Rules.TextTooLong, $"{question.Id} explanation of {text.Length}", m => WithAnswer(m, question.Id, ValidAnswer(question).Let(a => a["explanation"] = text)), Pointer("answers", question.Id, "explanation"));
        }

        foreach (var question in Sample(_questionnaire.Questions.Where(q => q.NotApplicableAllowed), 2))
        {
            Body(
                Rules.TextTooLong,
                $"{question.Id} reason of {longText.Length}",
                m => WithAnswer(m, question.Id, new JsonObject { ["notApplicable"] = true, ["reason"] = longText }),
                Pointer("answers", question.Id, "reason"));
        }

        foreach (var question in Sample(_questionnaire.Questions, 2))
        {
            Body(Rules.TextTooLong, $"{question.Id} practice note of {longText.Length}", m => WithNote(m, question, new JsonObject { ["text"] = longText }), Pointer("answers", question.Id, "practiceNote", "text"));
            Body(
                Rules.TextTooLong,
                $"{question.Id} contact role of {longAccented.Length}",
                m => WithNote(m, question, new JsonObject { ["text"] = "Kort.", ["contactRole"] = longAccented }),
                Pointer("answers", question.Id, "practiceNote", "contactRole"));
        }

        // Every text field, each with characters that break HTML, drive a terminal or turn text around; tab, CR and LF are fine.
        string[] unsafeTexts = ["nul\0", "zie \u001B[2J bijlage", "\u202Egnipmas", "bel\u0007", "\u0085volgende", "isolaat \u2066x\u2069", "\uFFFF", "niet-teken \uFDD0", "\u007F"];
        foreach (var (question, i) in Sample(_questionnaire.Questions, unsafeTexts.Length).Select((q, i) => (q, i)))
        {
            var text = unsafeTexts[i];
            Body(Rules.UnsafeCharacter, $"{question.Id} explanation with {Label(text)}", m => WithAnswer(m, question.Id, ValidAnswer(question).Let(a => a["explanation"] = text)), Pointer("answers", question.Id, "explanation"));
        }

        foreach (var (question, i) in Sample(_questionnaire.Questions.Where(q => q.NotApplicableAllowed), 3).Select((q, i) => (q, i)))
        {
            var text = unsafeTexts[i * 3];
            Body(Rules.UnsafeCharacter, $"{question.Id} reason with {Label(text)}", m => WithAnswer(m, question.Id, new JsonObject { ["notApplicable"] = true, ["reason"] = "geen \t" + text }), Pointer("answers", question.Id, "reason"));
        }

        foreach (var (question, i) in _questionnaire.Questions.Where(q => q.Type == QuestionType.Text).Select((q, i) => (q, i)))
        {
            var text = unsafeTexts[(i + 1) % unsafeTexts.Length];
            Body(Rules.UnsafeCharacter, $"{question.Id} text answer with {Label(text)}", m => WithValue(m, question, JsonValue.Create(text)), Pointer("answers", question.Id, "value"));
        }

        foreach (var (question, i) in Sample(_questionnaire.Questions, 2).Select((q, i) => (q, i)))
        {
            var text = unsafeTexts[2 + i];
            Body(Rules.UnsafeCharacter, $"{question.Id} practice note with {Label(text)}", m => WithNote(m, question, new JsonObject { ["text"] = "Goed\r\n" + text }), Pointer("answers", question.Id, "practiceNote", "text"));
            Body(
                Rules.UnsafeCharacter,
                $"{question.Id} contact role with {Label(text)}",
                m => WithNote(m, question, new JsonObject { ["text"] = "Kort.", ["contactRole"] = text }),
                Pointer("answers", question.Id, "practiceNote", "contactRole"));
        }

        var sample = Sample(_questionnaire.Questions, 6);
        string[] notStrings = ["5", "true", "{}", "[\"tekst\"]"];
        for (var i = 0; i < notStrings.Length; i++)
        {
            var question = sample[i];
            var raw = notStrings[i];
            Body(Rules.TextNotString, $"{question.Id} explanation = {raw}", m => WithAnswer(m, question.Id, ValidAnswer(question).Let(a => a["explanation"] = JsonNode.Parse(raw))), Pointer("answers", question.Id, "explanation"));
        }

        var na = _questionnaire.Questions.First(q => q.NotApplicableAllowed);
        Body(Rules.TextNotString, $"{na.Id} reason = 5", m => WithAnswer(m, na.Id, new JsonObject { ["notApplicable"] = true, ["reason"] = 5 }), Pointer("answers", na.Id, "reason"));
        Body(Rules.TextNotString, $"{sample[4].Id} practiceNote.text = 5", m => WithNote(m, sample[4], new JsonObject { ["text"] = 5 }), Pointer("answers", sample[4].Id, "practiceNote", "text"));
        Body(
            Rules.TextNotString,
            $"{sample[5].Id} practiceNote.contactRole = true",
            m => WithNote(m, sample[5], new JsonObject { ["text"] = "Kort.", ["contactRole"] = true }),
            Pointer("answers", sample[5].Id, "practiceNote", "contactRole"));
    }

    // ----------------------------------------------------------------------------------------------------------
    // Top level
    // ----------------------------------------------------------------------------------------------------------

    private void TopLevelRules()
    {
        foreach (var name in new[] { "extra", "Municipality", "answer", "a/b", "$schema", "version", "status", "" })
        {
            Body(Rules.UnknownTopLevelProperty, Label(name), m => Base(m).Let(b => b[name] = "x"), Pointer(name));
        }

        foreach (var raw in new[] { "[]", "\"x\"", "1", "true", "null", "[{\"value\":1}]" })
        {
            Body(Rules.AnswersNotObject, $"answers = {raw}", m => Base(m).Let(b => b["answers"] = JsonNode.Parse(raw)), "/answers");
        }

        foreach (var other in new[] { "GM0599", "GM9999", "GM0000" })
        {
            Body(Rules.OtherMunicipality, $"body for {other}", m => Base(m).Let(b => b["municipality"] = other), "/municipality");
        }

        // The two municipalities of the corpus, each sending the other's code.
        AddBody(Rules.OtherMunicipality, $"body for {_fresh} sent as {_existing}", _existing, Draft, Encode(Base(_existing).Let(b => b["municipality"] = _fresh)), "/municipality");
        AddBody(Rules.OtherMunicipality, $"body for {_existing} sent as {_fresh}", _fresh, Draft, Encode(Base(_fresh).Let(b => b["municipality"] = _existing)), "/municipality");

        foreach (var code in new[] { "gm0363", "GM363", "GM03630", "0363", "", " GM0363", "GM 0363", "GM０３６３", "GM0363\n" })
        {
            Body(Rules.InvalidMunicipalityCode, $"municipality {Label(code)}", m => Base(m).Let(b => b["municipality"] = code), "/municipality");
        }

        foreach (var name in new[] { "municipality", "cycle", "questionnaire" })
        {
            Body(Rules.MissingTopLevelProperty, $"without {name}", m => Base(m).Let(b => b.Remove(name)), Pointer(name));
        }

        Body(Rules.MissingTopLevelProperty, "municipality null", m => Base(m).Let(b => b["municipality"] = null), "/municipality");
        Body(Rules.MissingTopLevelProperty, "questionnaire null", m => Base(m).Let(b => b["questionnaire"] = null), "/questionnaire");
        Body(
            Rules.MissingTopLevelProperty,
            "without municipality, cycle and questionnaire",
            m => Base(m).Let(b =>
            {
                b.Remove("municipality");
                b.Remove("cycle");
                b.Remove("questionnaire");
            }),
            "/municipality",
            "/cycle",
            "/questionnaire");

        foreach (var (name, raw) in new[] { ("municipality", "363"), ("municipality", "[\"GM0363\"]"), ("questionnaire", "2026"), ("questionnaire", "{\"version\":\"2026\"}"), ("municipality", "true") })
        {
            Body(Rules.TopLevelNotString, $"{name} = {raw}", m => Base(m).Let(b => b[name] = JsonNode.Parse(raw)), Pointer(name));
        }

        foreach (var raw in new[] { "\"true\"", "1", "\"ja\"", "[]" })
        {
            Body(Rules.ConsentNotBoolean, $"consentToBeNamed = {raw}", m => Base(m).Let(b => b["consentToBeNamed"] = JsonNode.Parse(raw)), "/consentToBeNamed");
        }

        foreach (var cycle in new[] { Api.Cycle - 1, Api.Cycle + 1, Api.Cycle - 2, 2100, 2000 })
        {
            Body(Rules.OtherCycle, $"cycle {cycle}", m => Base(m).Let(b => b["cycle"] = cycle), "/cycle");
        }

        foreach (var raw in new[] { "\"2026\"", "2026.5", "1999", "2101", "true", "null", "1e400", "-2026", "20260", "2.026e3" })
        {
            Body(Rules.CycleNotAYear, $"cycle = {raw}", m => Base(m).Let(b => b["cycle"] = JsonNode.Parse(raw)), "/cycle");
        }

        foreach (var version in new[] { "2099", _questionnaire.Version + " ", _questionnaire.Id, "", "1", _questionnaire.Version.ToUpperInvariant() + "a" })
        {
            Body(Rules.UnknownQuestionnaire, $"questionnaire {Label(version)}", m => Base(m).Let(b => b["questionnaire"] = version), "/questionnaire");
        }

        if (_otherQuestionnaire is not null && _validForOtherQuestionnaire is not null)
        {
            // Valid answers to the other version: the version is the only thing wrong.
            var other = _otherQuestionnaire.Version;
            AddBody(Rules.QuestionnaireOfAnotherCycle, $"valid answers to questionnaire {other}", _existing, Draft, Encode(_validForOtherQuestionnaire), "/questionnaire");
            AddBody(
                Rules.QuestionnaireOfAnotherCycle,
                $"valid answers to questionnaire {other}, submitted",
                _fresh,
                Submit,
                Encode(_validForOtherQuestionnaire.DeepClone().AsObject().Let(b => b["municipality"] = _fresh)),
                "/questionnaire");

            // This cycle's answers under the other version's label: questions the other version lacks may be
            // reported too, but the version must be.
            TolerantBody(Rules.QuestionnaireOfAnotherCycle, $"this cycle's answers labelled {other}", m => Base(m).Let(b => b["questionnaire"] = other), "/answers/", "/questionnaire");
        }
    }

    private void TargetRules()
    {
        foreach (var raw in new[] { "[]", "\"x\"", "1", "null", "[4]" })
        {
            Body(Rules.TargetsNotObject, $"targets = {raw}", m => Base(m).Let(b => b["targets"] = JsonNode.Parse(raw)), "/targets");
        }

        var firstBlock = _questionnaire.Blocks[0];
        foreach (var name in new[] { "onbekend", firstBlock.LevelQuestion.Id, firstBlock.BlockId.ToUpperInvariant(), "", "a/b" })
        {
            Body(Rules.UnknownTargetBlock, $"target for {Label(name)}", m => Base(m).Let(b => b["targets"]![name] = 3), Pointer("targets", name));
        }

        string[] levels = ["0", "6", "2.5", "\"3\"", "true", "null", "1e400", "-1", "{}"];
        Spread(Rules.TargetOutOfRange, Sample(_questionnaire.Blocks, 9), levels, (block, raw) =>
            Body(
                Rules.TargetOutOfRange,
                $"target {block.BlockId} = {raw}",
                m => Base(m).Let(b =>
                {
                    b["targets"]![_questionnaire.Blocks[^1].BlockId] = 4;
                    b["targets"]![block.BlockId] = JsonNode.Parse(raw);
                }),
                Pointer("targets", block.BlockId)));
    }

    // ----------------------------------------------------------------------------------------------------------
    // The document and the request
    // ----------------------------------------------------------------------------------------------------------

    private void DocumentRules()
    {
        foreach (var raw in new[] { "[]", "\"tekst\"", "1", "null", "true" })
        {
            Raw(Rules.RootNotObject, $"body {raw}", _ => Encoding.UTF8.GetBytes(raw), "");
        }

        Raw(Rules.RootNotObject, "the answers in a list", m => Encoding.UTF8.GetBytes("[" + Base(m).ToJsonString() + "]"), "");

        var malformed = new (string Name, Func<string, string> Body)[]
        {
            ("an opening brace", _ => "{"),
            ("cut off halfway", m => Base(m).ToJsonString()[..(Base(m).ToJsonString().Length / 2)]),
            ("cut off before the last brace", m => Base(m).ToJsonString()[..^1]),
            ("text after the object", m => Base(m).ToJsonString() + "x"),
            ("two objects", m => Base(m).ToJsonString() + Base(m).ToJsonString()),
            ("a trailing comma", m => Base(m).ToJsonString()[..^1] + ",}"),
            ("single quotes", m => Base(m).ToJsonString().Replace('"', '\'')),
            ("a comment", m => "/* opmerking */" + Base(m).ToJsonString()),
            ("unquoted names", m => Base(m).ToJsonString().Replace("\"municipality\"", "municipality", StringComparison.Ordinal)),
            ("NaN", m => Base(m).ToJsonString().Replace("\"cycle\":2026", "\"cycle\":NaN", StringComparison.Ordinal)),
            ("a leading zero", m => Base(m).ToJsonString().Replace("\"cycle\":2026", "\"cycle\":02026", StringComparison.Ordinal)),
            ("spaces only", _ => "   \n\t "),
            ("an unterminated string", m => "{\"municipality\":\"" + m),
            ("a raw control character in a string", m => Base(m).ToJsonString().Replace("\"cycle\"", "\"cy\u0001cle\"", StringComparison.Ordinal)),
            ("a missing colon", m => Base(m).ToJsonString().Replace("\"cycle\":", "\"cycle\" ", StringComparison.Ordinal)),
            ("an invalid escape", m => Base(m).ToJsonString().Replace("\"cycle\"", "\"cy\\qcle\"", StringComparison.Ordinal)),
        };
        foreach (var (name, body) in malformed)
        {
            Raw(Rules.MalformedJson, name, m => Encoding.UTF8.GetBytes(body(m)), "");
        }

        Raw(Rules.MalformedJson, "UTF-16", m => Encoding.Unicode.GetBytes(Base(m).ToJsonString()), "");

        // A \u escape of half a surrogate pair is JSON by the grammar, but no text: a 400, whatever it points at.
        TolerantRaw(Rules.MalformedJson, "a lone surrogate escape in a property name", m => Encoding.UTF8.GetBytes(Base(m).ToJsonString()[..^1] + ",\"\\uD800x\":1}"), "");
        TolerantRaw(
            Rules.MalformedJson,
            "a lone surrogate escape in an explanation",
            m => Encoding.UTF8.GetBytes(Splice(WithAnswer(m, _questionnaire.Questions.First().Id, ValidAnswer(_questionnaire.Questions.First()).Let(a => a["explanation"] = Marker)), "\"toelichting \\uDC00\"")),
            "");

        // Bytes that are not UTF-8, inside strings and outside them.
        var invalid = new (string Name, byte[] Bytes)[]
        {
            ("byte FF", [0xFF]),
            ("C3 28", [0xC3, 0x28]),
            ("a UTF-16 surrogate ED A0 80", [0xED, 0xA0, 0x80]),
            ("overlong C0 AF", [0xC0, 0xAF]),
            ("beyond U+10FFFF F5 80 80 80", [0xF5, 0x80, 0x80, 0x80]),
            ("Latin-1 é", [0xE9]),
            ("a cut-off sequence E2 82", [0xE2, 0x82]),
            ("a lone continuation byte 80", [0x80]),
        };
        var question = Sample(_questionnaire.Questions.Where(q => q.ExplanationRequired), 1)[0];
        foreach (var (i, (name, bytes)) in invalid.Index())
        {
            var where = i % 4;
            var label = where switch { 0 => "an explanation", 1 => "an answer's question id", 2 => "the municipality", _ => "a top-level property name" };
            Raw(
                Rules.InvalidUtf8,
                $"{name} in {label}",
                m => Replace(
                    where switch
                    {
                        0 => WithAnswer(m, question.Id, ValidAnswer(question).Let(a => a["explanation"] = "Toelichting " + Marker)),
                        1 => WithAnswer(m, Marker, new JsonObject { ["value"] = 3 }),
                        2 => Base(m).Let(b => b["municipality"] = "GM" + Marker),
                        _ => Base(m).Let(b => b[Marker] = 1),
                    },
                    bytes),
                "");
        }

        Raw(Rules.InvalidUtf8, "byte FF between tokens", m => Replace(Encoding.UTF8.GetBytes(Base(m).ToJsonString().Replace(",\"cycle\"", "," + Marker + "\"cycle\"", StringComparison.Ordinal)), [0xFF]), "");

        var deep = new (string Name, Func<string, string> Body)[]
        {
            ("an answer value nested 20 deep", m => Splice(WithAnswer(m, question.Id, ValidAnswer(question).Let(a => a["value"] = Marker)), Nest(20, "3"))),
            ("objects nested 17 deep", _ => Nest(17, "{}", "{\"a\":", "}")),
            ("arrays nested 10 000 deep", _ => Nest(10_000, "1")),
            ("an unknown property nested 16 deep", m => Splice(Base(m).Let(b => b["extra"] = Marker), Nest(16, "1"))),
            ("a practice note nested 15 deep", m => Splice(WithNote(m, question, JsonValue.Create(Marker)), Nest(15, "{}", "{\"text\":", "}"))),
        };
        foreach (var (name, body) in deep)
        {
            Raw(Rules.TooDeep, name, m => Encoding.UTF8.GetBytes(body(m)), "");
        }
    }

    private void RequestRules()
    {
        const int MiB = 1024 * 1024;
        var targets = new[] { (_existing, Draft), (_existing, Submit), (_fresh, Draft), (_fresh, Submit) };

        // Too large: valid JSON, just padded; with a length, and streamed without one.
        foreach (var (i, (municipality, endpoint)) in targets.Index())
        {
            var padded = Encoding.UTF8.GetBytes(Base(municipality).ToJsonString()[..^1] + new string(' ', (i % 2 == 0 ? MiB : 2 * MiB) - Base(municipality).ToJsonString().Length + 1) + "}");
            Add(Rules.TooLarge, $"{padded.Length} bytes", municipality, endpoint, padded, Json, ETag(municipality), chunked: false, 413);
            Add(Rules.TooLarge, $"{padded.Length} bytes, chunked", municipality, endpoint, padded, Json, ETag(municipality), chunked: true, 413);
        }

        var longExplanation = new string('z', MiB);
        Add(Rules.TooLarge, "an explanation of a million characters", _existing, Draft, Encode(WithAnswer(_existing, _questionnaire.Questions.First().Id, ValidAnswer(_questionnaire.Questions.First()).Let(a => a["explanation"] = longExplanation))), Json, ETag(_existing), chunked: false, 413);

        string?[] types = ["text/plain", "application/xml", "text/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", "text/html; charset=utf-8", null, "application/jsonx", "json"];
        foreach (var (i, type) in types.Index())
        {
            var (municipality, endpoint) = targets[i % targets.Length];
            Add(Rules.UnsupportedMediaType, $"Content-Type {type ?? "absent"}", municipality, endpoint, Encode(Changed(municipality)), type, ETag(municipality), chunked: false, 415);
        }

        foreach (var municipality in new[] { _existing, _fresh })
        {
            Add(Rules.EmptyBody, "no body", municipality, Draft, null, null, ETag(municipality), chunked: false, 400);
            Add(Rules.EmptyBody, "an empty JSON body", municipality, Draft, [], Json, ETag(municipality), chunked: false, 400);
            Add(Rules.EmptyBody, "an empty body without type", municipality, Draft, [], null, ETag(municipality), chunked: false, 400);
        }

        string[] etags = ["v1", "\"1\"", "\"vx\"", "\"v\"", "\"v-1\"", "\"v1.0\"", "\"v99999999999\"", "W/\"x1\"", "\"V1\"", "\"v 1\"", "\"v+1\"", "'v1'", "\"v1", "\"\""];
        foreach (var (i, etag) in etags.Index())
        {
            var (municipality, endpoint) = targets[i % targets.Length];
            Add(Rules.InvalidIfMatch, $"If-Match {etag}", municipality, endpoint, Encode(Changed(municipality)), Json, etag, chunked: false, 400);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Building cases
    // ----------------------------------------------------------------------------------------------------------

    /// <summary>A JSON body breaking a rule, sent to a drawn municipality and endpoint.</summary>
    private void Body(string rule, string name, Func<string, JsonNode> body, params string[] pointers) =>
        Raw(rule, name, m => Encode(body(m)), pointers);

    /// <summary>A body that only submitting refuses, as submitting checks more than saving a draft.</summary>
    private void SubmitBody(string rule, string name, Func<string, JsonNode> body, params string[] pointers)
    {
        var (municipality, endpoint) = Draw(onSubmitOnly: true);
        AddBody(rule, name, municipality, endpoint, Encode(body(municipality)), pointers);
    }

    /// <summary>A body whose pointers must include the given ones, and may include others under <paramref name="tolerated"/>.</summary>
    private void TolerantBody(string rule, string name, Func<string, JsonNode> body, string tolerated, params string[] pointers) =>
        TolerantRaw(rule, name, m => Encode(body(m)), tolerated, pointers);

    private void TolerantRaw(string rule, string name, Func<string, byte[]> body, string tolerated, params string[] pointers)
    {
        var (municipality, endpoint) = Draw(onSubmitOnly: false);
        Add(rule, name, municipality, endpoint, body(municipality), Json, ETag(municipality), chunked: false, 400, pointers, tolerated);
    }

    private void Raw(string rule, string name, Func<string, byte[]> body, params string[] pointers)
    {
        var (municipality, endpoint) = Draw(onSubmitOnly: false);
        AddBody(rule, name, municipality, endpoint, body(municipality), pointers);
    }

    private void AddBody(string rule, string name, string municipality, string endpoint, byte[] body, params string[] pointers) =>
        Add(rule, name, municipality, endpoint, body, Json, ETag(municipality), chunked: false, 400, pointers);

    private void Add(string rule, string name, string municipality, string endpoint, byte[]? body, string? contentType, string? ifMatch, bool chunked, int status, string[]? pointers = null, string? tolerated = null) =>
        _cases.Add(new BadCase(rule, $"{rule}: {name} ({(endpoint == Draft ? "PUT" : "POST")} {endpoint} {municipality})", municipality, endpoint, body, contentType, ifMatch, chunked, status, pointers ?? [], tolerated));

    /// <summary>Mostly the municipality with a draft, a third of the time the one without; a quarter of the time submitting.</summary>
    private (string Municipality, string Endpoint) Draw(bool onSubmitOnly)
    {
        var municipality = _random.Next(3) == 0 ? _fresh : _existing;
        var endpoint = onSubmitOnly || _random.Next(4) == 0 ? Submit : Draft;
        return (municipality, endpoint);
    }

    /// <summary>The ETag that makes the request otherwise right: the draft's version, or none for a first save.</summary>
    private string? ETag(string municipality) => municipality == _existing ? "\"v1\"" : null;

    /// <summary>Each item gets a variant, and each variant is used at least once.</summary>
    private static void Spread<T, TVariant>(string rule, IReadOnlyList<T> items, IReadOnlyList<TVariant> variants, Action<T, TVariant> add)
    {
        Assert.True(items.Count > 0, $"nothing to break '{rule}' with");
        for (var i = 0; i < Math.Max(items.Count, variants.Count); i++)
        {
            add(items[i % items.Count], variants[i % variants.Count]);
        }
    }

    private static void Spread<T>(string rule, IReadOnlyList<T> items, int variants, Action<T, int> add) =>
        Spread(rule, items, Enumerable.Range(0, variants).ToList(), add);

    private List<T> Sample<T>(IEnumerable<T> items, int count)
    {
        var list = items.ToList();
        var picked = list.OrderBy(_ => _random.Next()).Take(count).ToHashSet();
        return list.Where(picked.Contains).ToList();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Bodies
    // ----------------------------------------------------------------------------------------------------------

    private JsonObject Base(string municipality) => _valid.DeepClone().AsObject().Let(b => b["municipality"] = municipality);

    /// <summary>The valid submission with one harmless change, so that a write, had it happened, would show.</summary>
    private JsonObject Changed(string municipality)
    {
        var question = _questionnaire.Questions.First(q => q.Type == QuestionType.Level);
        return WithAnswer(municipality, question.Id, ValidAnswer(question).Let(a => a["explanation"] = "Gewijzigd, maar dit mag niet worden opgeslagen."));
    }

    private JsonObject WithAnswer(string municipality, string questionId, JsonNode? answer) =>
        Base(municipality).Let(b => b["answers"]![questionId] = answer);

    private JsonObject WithValue(string municipality, Question question, JsonNode? value) =>
        WithAnswer(municipality, question.Id, ValidAnswer(question).Let(a => a["value"] = value));

    private JsonObject WithNote(string municipality, Question question, JsonNode? note) =>
        WithAnswer(municipality, question.Id, ValidAnswer(question).Let(a => a["practiceNote"] = note));

    /// <summary>A valid answer to any question, with an explanation, which the cases then break.</summary>
    private static JsonObject ValidAnswer(Question question)
    {
        JsonNode value = question.Type switch
        {
            QuestionType.Level => 3,
            QuestionType.YesNo => true,
            QuestionType.Single => question.Options[0].Id,
            QuestionType.Multi => new JsonArray(question.Options.First(o => !o.Exclusive).Id),
            QuestionType.Number => question.Min ?? Math.Min(0m, question.Max ?? 0m),
            QuestionType.Text => "Een geldig antwoord.",
            _ => throw new ArgumentOutOfRangeException(nameof(question), question.Type, "unknown question type"),
        };
        return new JsonObject { ["value"] = value, ["explanation"] = "Toelichting bij het antwoord." };
    }

    private static byte[] Encode(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    /// <summary>The body with the marker's bytes replaced by raw bytes, e.g. invalid UTF-8.</summary>
    private static byte[] Replace(JsonNode node, byte[] bytes) => Replace(Encode(node), bytes);

    private static byte[] Replace(byte[] json, byte[] bytes)
    {
        var marker = Encoding.UTF8.GetBytes(Marker);
        var at = json.AsSpan().IndexOf(marker);
        Assert.True(at >= 0, "marker not found");
        return [.. json.AsSpan(0, at), .. bytes, .. json.AsSpan(at + marker.Length)];
    }

    /// <summary>The body with the quoted marker replaced by raw JSON.</summary>
    private static string Splice(JsonNode node, string raw)
    {
        var json = node.ToJsonString();
        Assert.Contains(Quote(Marker), json, StringComparison.Ordinal);
        return json.Replace(Quote(Marker), raw, StringComparison.Ordinal);
    }

    private static string Nest(int depth, string inner, string open = "[", string close = "]")
    {
        var builder = new StringBuilder();
        builder.Insert(0, open, depth).Append(inner);
        for (var i = 0; i < depth; i++)
        {
            builder.Append(close);
        }

        return builder.ToString();
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value);

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A string as JSON, shortened, so that names show spaces and control characters.</summary>
    private static string Label(string value) => JsonSerializer.Serialize(value.Length <= 40 ? value : value[..40] + "…", LabelOptions);

    /// <summary>A JSON pointer, escaping '~' and '/' in each segment as RFC 6901 says.</summary>
    private static string Pointer(params string[] segments) =>
        string.Concat(segments.Select(s => "/" + s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
}

internal static class JsonObjectExtensions
{
    /// <summary>Changes a node in place and returns it, to build bodies in one expression.</summary>
    public static JsonObject Let(this JsonObject node, Action<JsonObject> change)
    {
        change(node);
        return node;
    }
}
