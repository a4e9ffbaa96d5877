using System.Globalization;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Model;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;

namespace Benchmark.Core.Tests;

/// <summary>The plausibility flags of docs/benchmarking.md: each rule fires at its threshold and stays quiet just below it.</summary>
public sealed class PlausibilityRulesTests
{
    private static readonly MaturityModel Model = TestData.Example.ModelForCycle(2026);
    private static readonly Questionnaire Questionnaire = TestData.Example.Version("2026")!;
    private static readonly MaturityModel RealModel = TestData.Real.ModelForCycle(2026);
    private static readonly Questionnaire Real = TestData.Real.Version("2026")!;

    // ---- LevelJump ---------------------------------------------------------------------------

    [Fact]
    public void ALevelReachedTwoLevelsAboveLastCycleIsFlagged()
    {
        var submission = TestData.ExampleSubmission();
        var previous = LastCycle(submission.With("bio.niveau", Answer.Of(new LevelValue(1), "Nog geen ISMS ingericht.")));

        var flag = Assert.Single(Check(submission, previous));

        Assert.Equal(new PlausibilityFlag(FlagRule.LevelJump, "GM9999", 2026, "bio", new LocalizedText("BIO steeg van niveau 1 in 2025 naar niveau 3 in 2026: 2 niveaus in één keer.", "BIO rose from level 1 in 2025 to level 3 in 2026: 2 levels at once.")), flag);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(5, false)]
    public void OnlyARiseOfTwoOrMoreLevelsIsAJump(int previousLevel, bool flagged)
    {
        var submission = TestData.ExampleSubmission();
        var previous = LastCycle(submission.With("bio.niveau", Answer.Of(new LevelValue(previousLevel), "Toelichting van vorig jaar.")));

        Assert.Equal(flagged, Check(submission, previous).Any(f => f.Rule == FlagRule.LevelJump));
    }

    [Fact]
    public void AJumpIsMeasuredInLevelsReachedNotLevelsClaimed()
    {
        // DigiD claims 4 this year but reaches 2 (no SMS verification): from level 1 that is one level, not three.
        var submission = TestData.ExampleSubmission();
        var previous = LastCycle(submission.With("digid.niveau", Answer.Of(new LevelValue(1), "Enkele diensten met DigiD.")));

        Assert.Equal(4, Score(submission).Block("digid").ClaimedLevel);
        Assert.DoesNotContain(Check(submission, previous), f => f.Rule == FlagRule.LevelJump);
    }

    [Fact]
    public void ABlockNotScoredInEitherCycleIsNotComparedForAJump()
    {
        var level5 = TestData.ExampleSubmission().With("mijnoverheid.niveau", Answer.Of(new LevelValue(5), "Standaard digitaal sinds januari."));
        var notApplicableBefore = LastCycle(TestData.ExampleSubmission());
        var openBefore = LastCycle(level5.With("mijnoverheid.niveau", null));
        var notApplicableNow = TestData.ExampleSubmission();
        var levelOneBefore = LastCycle(level5.With("mijnoverheid.niveau", Answer.Of(new LevelValue(1), "Verkenning gestart.")));

        Assert.DoesNotContain(Check(level5, notApplicableBefore), f => f.Rule == FlagRule.LevelJump);
        Assert.DoesNotContain(Check(level5, openBefore), f => f.Rule == FlagRule.LevelJump);
        Assert.DoesNotContain(Check(notApplicableNow, levelOneBefore), f => f.Rule == FlagRule.LevelJump);
        Assert.DoesNotContain(Check(level5, previous: null), f => f.Rule == FlagRule.LevelJump);
    }

    // ---- PrerequisiteGap ---------------------------------------------------------------------

    [Fact]
    public void ABlockAtLevelFourOnAPrerequisiteAtLevelTwoIsFlagged()
    {
        // The worked example's DigiD reaches level 2; MijnOverheid, which builds on DigiD, is claimed at 4.
        var submission = TestData.ExampleSubmission().With("mijnoverheid.niveau", Answer.Of(new LevelValue(4), "Bereik meten we via de Berichtenbox."));

        var flag = Assert.Single(Check(submission));

        Assert.Equal(new PlausibilityFlag(FlagRule.PrerequisiteGap, "GM9999", 2026, "mijnoverheid", new LocalizedText("MijnOverheid staat op niveau 4, terwijl DigiD, waarop het voortbouwt, pas op niveau 2 staat.", "MijnOverheid is at level 4 while its prerequisite DigiD is only at level 2.")), flag);
    }

    [Theory]
    [InlineData(4, 2, true)]
    [InlineData(5, 1, true)]
    [InlineData(4, 3, false)]
    [InlineData(3, 2, false)]
    [InlineData(3, 1, false)]
    public void OnlyLevelFourOrMoreOnAPrerequisiteAtLevelTwoOrLessIsAGap(int mijnOverheid, int digid, bool flagged)
    {
        var submission = TestData.ExampleSubmission()
            .With("mijnoverheid.niveau", Answer.Of(new LevelValue(mijnOverheid), "Aangesloten voor alle berichtsoorten."))
            .With("digid.niveau", Answer.Of(new LevelValue(digid), "Alle diensten met DigiD en sms-controle."))
            .With("digid.sms", Answer.Of(new YesNoValue(true)));

        Assert.Equal(digid, Score(submission).Block("digid").StagedLevel);
        Assert.Equal(flagged, Check(submission).Any(f => f.Rule == FlagRule.PrerequisiteGap));
    }

    [Fact]
    public void APrerequisiteThatIsNotScoredLeavesNoGap()
    {
        var digidOpen = TestData.ExampleSubmission()
            .With("mijnoverheid.niveau", Answer.Of(new LevelValue(5), "Standaard digitaal sinds januari."))
            .With("digid.niveau", null);

        Assert.DoesNotContain(Check(digidOpen), f => f.Rule == FlagRule.PrerequisiteGap);
    }

    [Fact]
    public void EachLowPrerequisiteOfABlockIsFlaggedOnItsOwn()
    {
        // In the real model the Dienstenrichtlijn builds on both eHerkenning and Ondernemersplein.
        Assert.Equal(["ondernemersplein", "eherkenning"], RealModel.BlocksById["dienstenrichtlijn"].Prerequisites);
        var submission = TestData.Empty(Real);
        submission = Reached(submission, "dienstenrichtlijn", 4);
        submission = Reached(submission, "eherkenning", 1);
        submission = Reached(submission, "ondernemersplein", 2);
        submission = Reached(submission, "mijnoverheid", 5);
        submission = Reached(submission, "digid", 2);

        var flags = CheckReal(submission);

        Assert.Equal(
            [
                ("dienstenrichtlijn", "Dienstenrichtlijn (centraal loket) staat op niveau 4, terwijl eHerkenning, waarop het voortbouwt, pas op niveau 1 staat."),
                ("dienstenrichtlijn", "Dienstenrichtlijn (centraal loket) staat op niveau 4, terwijl Ondernemersplein, waarop het voortbouwt, pas op niveau 2 staat."),
                ("mijnoverheid", "MijnOverheid staat op niveau 5, terwijl DigiD, waarop het voortbouwt, pas op niveau 2 staat."),
            ],
            flags.Where(f => f.Rule == FlagRule.PrerequisiteGap).Select(f => (f.BlockId, f.Message.Nl)));
    }

    // ---- AllMaximum --------------------------------------------------------------------------

    [Fact]
    public void ASubmissionWithTheTopAnswerEverywhereIsFlagged()
    {
        var submission = TopAnswers(Real.Questions.Where(q => q.IsScored));
        var levels = Real.Questions.Count(q => q.Type == QuestionType.Level);
        var others = Real.Questions.Count(q => q.IsScored) - levels;

        var flag = Assert.Single(CheckReal(submission));

        Assert.Equal(FlagRule.AllMaximum, flag.Rule);
        Assert.Null(flag.BlockId);
        Assert.Equal($"All {levels + others} scored answers have the highest possible answer: level 5 on {levels} level questions and full marks on {others} other questions.", flag.Message.En);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void AllMaximumNeedsAtLeastTenScoredAnswers(int answers, bool flagged)
    {
        var submission = TopAnswers(Real.Questions.Where(q => q.IsScored).Take(answers));

        Assert.Equal(answers, submission.Answers.Count);
        Assert.Equal(flagged, CheckReal(submission).Any(f => f.Rule == FlagRule.AllMaximum));
    }

    [Fact]
    public void OneAnswerBelowTheTopIsEnoughToAvoidAllMaximum()
    {
        var submission = TopAnswers(Real.Questions.Where(q => q.IsScored))
            .With("digid.niveau", Answer.Of(new LevelValue(4), "Gebruik en storingen worden per kwartaal gemeten."));

        Assert.DoesNotContain(CheckReal(submission), f => f.Rule == FlagRule.AllMaximum);
    }

    [Fact]
    public void UnscoredAnswersAndNotApplicableBlocksDoNotCountForAllMaximum()
    {
        // Nine top answers, plus a number without a scale and a block set aside as not applicable: still nine.
        var nine = TopAnswers(Real.Questions.Where(q => q.IsScored).Take(9));
        var padded = nine
            .With("digid.aansluitingen", Answer.Of(new NumberValue(12)))
            .With("mijnoverheid.niveau", Answer.NotApplicableBecause("Berichten lopen via de regio."))
            .With("mijnoverheid.berichtenbox", Answer.Of(new YesNoValue(true)));

        Assert.False(Real.QuestionsById["digid.aansluitingen"].IsScored);
        Assert.DoesNotContain(CheckReal(padded), f => f.Rule == FlagRule.AllMaximum);
    }

    // ---- ExplanationsEmptyOrCopied -----------------------------------------------------------

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-")]
    [InlineData("n.v.t.")]
    [InlineData("Zie boven")]
    [InlineData("Zie (hier)boven!")]
    [InlineData("NIET VAN TOEPASSING")]
    [InlineData("Wordt nagezonden.")]
    [InlineData("...............")]
    [InlineData("xxxxxxxxxxxx")]
    [InlineData("   kort      ")]
    public void ARequiredExplanationThatSaysNothingIsFlagged(string? explanation)
    {
        var submission = TestData.ExampleSubmission().With("digid.niveau", Answer.Of(new LevelValue(4), explanation));

        var flag = Assert.Single(Check(submission));

        Assert.Equal(FlagRule.ExplanationsEmptyOrCopied, flag.Rule);
        Assert.StartsWith("The required explanation of ‘Which level fits your municipality?’ (DigiD) is effectively empty: ", flag.Message.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Audit 2025")]
    [InlineData("Zie het beleidsplan 2026.")]
    [InlineData("Gemeten per kwartaal.")]
    [InlineData("n.v.t., want wij hebben geen eigen website")]
    public void ARealExplanationOfTenCharactersOrMoreIsNotFlagged(string explanation)
    {
        var submission = TestData.ExampleSubmission().With("digid.niveau", Answer.Of(new LevelValue(4), explanation));

        Assert.Empty(Check(submission));
    }

    [Fact]
    public void OnlyExplanationsThatAreRequiredAndBelongToAnAnswerMustSaySomething()
    {
        // A yes/no question needs no explanation, and a "not applicable" level gives a reason instead.
        var submission = TestData.ExampleSubmission().With("digid.sms", Answer.Of(new YesNoValue(false), "-"));

        Assert.False(Questionnaire.QuestionsById["digid.sms"].ExplanationRequired);
        Assert.True(Questionnaire.QuestionsById["mijnoverheid.niveau"].ExplanationRequired);
        Assert.Empty(Check(submission));
    }

    [Fact]
    public void SeveralEmptyExplanationsGiveOneFlagThatCountsThem()
    {
        var submission = TestData.ExampleSubmission()
            .With("digid.niveau", Answer.Of(new LevelValue(4), "n.v.t."))
            .With("bio.niveau", Answer.Of(new LevelValue(3), "  "));

        var flag = Assert.Single(Check(submission));

        Assert.Equal(
            new LocalizedText(
                "2 verplichte toelichtingen zijn in feite leeg, bijvoorbeeld bij ‘Welk niveau past bij uw gemeente?’ (DigiD): \"n.v.t.\", en bij ‘Welk niveau past bij uw gemeente?’ (BIO): (leeg).",
                "2 required explanations are effectively empty, e.g. of ‘Which level fits your municipality?’ (DigiD): \"n.v.t.\", and of ‘Which level fits your municipality?’ (BIO): (blank)."),
            flag.Message);
    }

    [Fact]
    public void TheSameExplanationOnThreeQuestionsIsFlaggedAsCopied()
    {
        // Case and spacing differ, the text does not.
        var submission = TestData.ExampleSubmission()
            .With("digid.niveau", Answer.Of(new LevelValue(4), "Zie het beleidsplan 2026."))
            .With("digid.sms", Answer.Of(new YesNoValue(false), "  zie het  beleidsplan\t2026. "))
            .With("bio.niveau", Answer.Of(new LevelValue(3), "ZIE HET BELEIDSPLAN 2026."));

        var flag = Assert.Single(Check(submission));

        Assert.Equal(new PlausibilityFlag(FlagRule.ExplanationsEmptyOrCopied, "GM9999", 2026, null,
            new LocalizedText(
                "Dezelfde toelichting staat bij 3 vragen, bijvoorbeeld bij ‘Welk niveau past bij uw gemeente?’ (DigiD) en bij ‘Biedt u DigiD met sms-controle aan?’ (DigiD): \"Zie het beleidsplan 2026.\".",
                "The same explanation is used on 3 questions, e.g. on ‘Which level fits your municipality?’ (DigiD) and on ‘Do you offer DigiD with SMS verification?’ (DigiD): \"Zie het beleidsplan 2026.\".")), flag);
    }

    [Fact]
    public void TheSameExplanationOnTwoQuestionsIsNotCopying()
    {
        var submission = TestData.ExampleSubmission()
            .With("digid.niveau", Answer.Of(new LevelValue(4), "Zie het beleidsplan 2026."))
            .With("bio.niveau", Answer.Of(new LevelValue(3), "Zie het beleidsplan 2026."));

        Assert.Empty(Check(submission));
    }

    [Fact]
    public void SeveralCopiedTextsGiveOneFlagNamingTheLargestGroup()
    {
        var copied = "Wij volgen de landelijke lijn en de handreiking van VNG Realisatie voor alle onderdelen van deze bouwsteen.";
        var submission = TopAnswers(Real.Questions.Where(q => q.Type == QuestionType.Level).Take(4), copied)
            .With("digid.sms-controle", Answer.Of(new YesNoValue(false), "Volgt met de nieuwe leverancier."))
            .With("digid.assessment", Answer.Of(new YesNoValue(false), "Volgt met de nieuwe leverancier."))
            .With("mijnoverheid.berichtenbox", Answer.Of(new YesNoValue(false), "Volgt met de nieuwe leverancier."));

        var flag = Assert.Single(CheckReal(submission), f => f.Rule == FlagRule.ExplanationsEmptyOrCopied);

        Assert.Equal(
            new LocalizedText(
                "Toelichtingen zijn overgenomen over 7 vragen (2 teksten die elk bij 3 of meer vragen staan), bijvoorbeeld bij "
                + "‘Welk niveau past het best bij de digitale toegankelijkheid van uw gemeente?’ (Digitale toegankelijkheid (Digitoegankelijk)) en bij "
                + "‘Welk niveau past het best bij de productencatalogus van uw gemeente?’ (Samenwerkende Catalogi (productencatalogus)): \"Wij volgen de landelijke lijn en de handreiking van VNG…\".",
                "Explanations are copied across 7 questions (2 texts each used on 3 or more), e.g. on "
                + "‘Which level best describes your municipality's digital accessibility?’ (Digital accessibility (Digitoegankelijk)) and on "
                + "‘Which level best describes your municipality's products catalogue?’ (Samenwerkende Catalogi (products catalogue)): \"Wij volgen de landelijke lijn en de handreiking van VNG…\"."),
            flag.Message);
    }

    [Fact]
    public void EmptyExplanationsAndCopiedOnesAreTwoFlagsAndAnEmptyTextIsNotCountedAsCopied()
    {
        var submission = TestData.ExampleSubmission()
            .With("digid.niveau", Answer.Of(new LevelValue(4), "n.v.t."))
            .With("digid.sms", Answer.Of(new YesNoValue(false), "n.v.t."))
            .With("bio.audit", Answer.Of(new ChoiceValue("gepland"), "n.v.t."));

        var onlyEmpty = Check(submission);
        var both = Check(submission
            .With("bio.niveau", Answer.Of(new LevelValue(3), "Zoals afgesproken in de regio."))
            .With("bio.incidenten", Answer.Of(new NumberValue(2), "Zoals afgesproken in de regio."))
            .With("digid.aanvragen", Answer.Of(new MultiChoiceValue(["afval"]), "Zoals afgesproken in de regio.")));

        Assert.Equal(["The required explanation of ‘Which level fits your municipality?’ (DigiD) is effectively empty: \"n.v.t.\"."], onlyEmpty.Select(f => f.Message.En));
        Assert.Equal(
            [
                "The required explanation of ‘Which level fits your municipality?’ (DigiD) is effectively empty: \"n.v.t.\".",
                "The same explanation is used on 3 questions, e.g. on ‘Which requests can be made with DigiD?’ (DigiD) and on ‘Which level fits your municipality?’ (BIO): \"Zoals afgesproken in de regio.\".",
            ],
            both.Select(f => f.Message.En));
    }

    // ---- UnusualNotApplicable ----------------------------------------------------------------

    private static Submission NotApplicable(Submission submission, params string[] questionIds) =>
        questionIds.Aggregate(submission, (s, id) => s.With(id, Answer.NotApplicableBecause($"Geen vergunningen ({id[(id.IndexOf('.', StringComparison.Ordinal) + 1)..]}).")));

    private static List<PlausibilityFlag> CheckNotApplicable(Submission submission, IReadOnlyCollection<Submission> peers) =>
        PlausibilityRules.Check(RealModel, Real, submission, ScoringEngine.Score(RealModel, Real, submission), null, [], peers)
            .Where(f => f.Rule == FlagRule.UnusualNotApplicable).ToList();

    private static List<Submission> Peers(int count, params string[] notApplicable) =>
        Enumerable.Range(0, count).Select(i => NotApplicable(TestData.Empty(Real, $"GM{9000 + i}"), notApplicable)).ToList();

    [Fact]
    public void TwoNotApplicableAnswersWherePeersUseNoneAreFlaggedPerBlockAndOverallWithTheirReasons()
    {
        var submission = NotApplicable(TestData.Empty(Real), "dienstenrichtlijn.termijnbewaking", "dienstenrichtlijn.imi");

        var flags = CheckNotApplicable(submission, Peers(PlausibilityRules.UnusualNotApplicableMinimumPeers));

        // Five peers without "not applicable": P25 = P75 = 0, so the upper fence is 0 and 2 (the minimum) lies above it.
        // Questions are named as the questionnaire words them, cut at about 80 characters, with their block where the
        // flag does not name it already.
        const string dutchFence = "boven de bovengrens 0,0 van de vergelijkingsgroep (5 gemeenten: P25 0,0, P75 0,0)";
        const string englishFence = "above the upper fence 0.0 of its peer group (5 peers: P25 0.0, P75 0.0)";
        const string dutchReasons = "‘Worden de beslistermijnen van dienstenvergunningen in het zaaksysteem bewaakt?’{0}: \"Geen vergunningen (termijnbewaking).\"; "
            + "‘Heeft de gemeente een vaste contactpersoon voor het Europese informatiesysteem…’{0}: \"Geen vergunningen (imi).\"";
        const string englishReasons = "‘Are the decision deadlines of service permits monitored in the case system?’{0}: \"Geen vergunningen (termijnbewaking).\"; "
            + "‘Does the municipality have a designated contact person for the European…’{0}: \"Geen vergunningen (imi).\"";
        static string With(string format, string block) => string.Format(CultureInfo.InvariantCulture, format, block);
        Assert.Equal(
            [
                new PlausibilityFlag(FlagRule.UnusualNotApplicable, "GM9999", submission.Cycle, null, new LocalizedText(
                    $"2 vragen zijn beantwoord met \"niet van toepassing\", {dutchFence}; redenen: {With(dutchReasons, " (Dienstenrichtlijn (centraal loket))")}.",
                    $"2 questions are answered \"not applicable\", {englishFence}; reasons: {With(englishReasons, " (Services Directive (point of single contact))")}.")),
                new PlausibilityFlag(FlagRule.UnusualNotApplicable, "GM9999", submission.Cycle, "dienstenrichtlijn", new LocalizedText(
                    $"Dienstenrichtlijn (centraal loket): 2 vragen zijn beantwoord met \"niet van toepassing\", {dutchFence}; redenen: {With(dutchReasons, "")}.",
                    $"Services Directive (point of single contact): 2 questions are answered \"not applicable\", {englishFence}; reasons: {With(englishReasons, "")}.")),
            ],
            flags);
    }

    [Fact]
    public void ASingleNotApplicableAnswerIsNotFlaggedEvenWherePeersUseNone()
    {
        var submission = NotApplicable(TestData.Empty(Real), "dienstenrichtlijn.imi");

        Assert.Empty(CheckNotApplicable(submission, Peers(PlausibilityRules.UnusualNotApplicableMinimumPeers)));
    }

    [Fact]
    public void NotApplicableUseLikeThePeersIsNotFlagged()
    {
        var submission = NotApplicable(TestData.Empty(Real), "dienstenrichtlijn.termijnbewaking", "dienstenrichtlijn.imi");

        // Every peer uses the same two: P25 = P75 = 2, the fence is 2, and 2 is not above it.
        Assert.Empty(CheckNotApplicable(submission, Peers(5, "dienstenrichtlijn.termijnbewaking", "dienstenrichtlijn.imi")));
    }

    [Fact]
    public void FewerThanFivePeersSayTooLittleAboutNotApplicableUse()
    {
        var submission = NotApplicable(TestData.Empty(Real), "dienstenrichtlijn.termijnbewaking", "dienstenrichtlijn.imi");

        Assert.Empty(CheckNotApplicable(submission, Peers(PlausibilityRules.UnusualNotApplicableMinimumPeers - 1)));
    }

    // ---- PeerOutlier -------------------------------------------------------------------------

    [Fact]
    public void AnIndexBelowTheLowerFenceOfItsPeersIsFlagged()
    {
        // Index 42.5; peers 60–68: P25 62, P75 66, IQR 4, lower fence 62 − 6 = 56.
        var flag = Assert.Single(Check(TestData.ExampleSubmission(), peers: [60m, 62m, 64m, 66m, 68m]));

        Assert.Equal(new PlausibilityFlag(FlagRule.PeerOutlier, "GM9999", 2026, null,
            new LocalizedText(
                "De index 42,5 ligt onder de ondergrens 56,0 van de vergelijkingsgroep (5 indexen in de vergelijkingsgroep: P25 62,0, P75 66,0, interkwartielafstand 4,0).",
                "The overall index 42.5 lies below the lower fence 56.0 of its peer group (5 peer indexes: P25 62.0, P75 66.0, interquartile range 4.0).")), flag);
    }

    [Fact]
    public void AnIndexExactlyOnAFenceIsNotAnOutlier()
    {
        // Peers 45–60: P25 50, P75 55, IQR 5, lower fence 50 − 7.5 = 42.5, the example's own index.
        Assert.Equal(42.5m, Score(TestData.ExampleSubmission()).Index);
        Assert.Empty(Check(TestData.ExampleSubmission(), peers: [45m, 50m, 52m, 55m, 60m]));
    }

    [Theory]
    [InlineData(85.0, false)]
    [InlineData(85.1, true)]
    [InlineData(-15.0, false)]
    [InlineData(-15.1, true)]
    public void QuartilesInterpolateLikePercentileInc(double index, bool flagged)
    {
        // Six peers, unsorted: P25 at rank 1.25 = 22.5, P75 at rank 3.75 = 47.5, IQR 25, fences −15 and 85.
        // (PERCENTILE.EXC would give 17.5 and 52.5, fences −35 and 105, and flag neither 85.1 nor −15.1.)
        var card = Score(TestData.ExampleSubmission()) with { Index = (decimal)index };

        var flags = PlausibilityRules.Check(Model, Questionnaire, TestData.ExampleSubmission(), card, null, [60m, 10m, 40m, 30m, 50m, 20m]);

        Assert.Equal(flagged, flags.Any(f => f.Rule == FlagRule.PeerOutlier));
    }

    [Fact]
    public void AnIndexAboveTheUpperFenceNamesTheUpperFence()
    {
        var card = Score(TestData.ExampleSubmission()) with { Index = 85.1m };

        var flag = Assert.Single(PlausibilityRules.Check(Model, Questionnaire, TestData.ExampleSubmission(), card, null, [10m, 20m, 30m, 40m, 50m, 60m]));

        Assert.Equal("The overall index 85.1 lies above the upper fence 85.0 of its peer group (6 peer indexes: P25 22.5, P75 47.5, interquartile range 25.0).", flag.Message.En);
    }

    [Fact]
    public void APeerGroupOfFewerThanFiveIsTooSmallToJudge()
    {
        Assert.Empty(Check(TestData.ExampleSubmission(), peers: [60m, 62m, 66m, 68m]));
        Assert.Empty(Check(TestData.ExampleSubmission(), peers: []));
    }

    [Fact]
    public void ASubmissionWithoutAnIndexIsNeverAPeerOutlier()
    {
        var empty = TestData.Empty(Questionnaire);

        Assert.Null(Score(empty).Index);
        Assert.Empty(Check(empty, peers: [60m, 62m, 64m, 66m, 68m]));
    }

    // ---- All rules together ------------------------------------------------------------------

    [Fact]
    public void TheWorkedExampleRaisesNoFlag()
    {
        var submission = TestData.ExampleSubmission();

        Assert.Empty(Check(submission, LastCycle(submission), peers: [30m, 38m, 42.5m, 45m, 50m, 55m]));
    }

    [Fact]
    public void ACompleteVariedAndHonestSubmissionRaisesNoFlag()
    {
        var submission = Honest(Real, levelShift: 0);
        var previous = ScoringEngine.Score(RealModel, Real, Honest(Real, levelShift: -1) with { Cycle = 2025 });
        var card = ScoringEngine.Score(RealModel, Real, submission);
        var index = card.Index!.Value;

        Assert.True(card.IsComplete);
        Assert.Equal([1, 2, 3, 4], card.Blocks.Select(b => b.StagedLevel!.Value).Distinct().Order());
        Assert.Contains(card.Blocks, b => b.StagedLevel > previous.Block(b.BlockId).StagedLevel);

        var flags = PlausibilityRules.Check(RealModel, Real, submission, card, new CycleComparison(previous, card, new HashSet<string>()), [index - 9m, index - 5m, index - 2m, index, index + 3m, index + 6m, index + 10m]);

        Assert.Empty(flags);
    }

    [Fact]
    public void FlagsComeOrderedByRuleThenBlock()
    {
        var submission = TestData.ExampleSubmission()
            .With("mijnoverheid.niveau", Answer.Of(new LevelValue(4), "-"))
            .With("bio.niveau", Answer.Of(new LevelValue(3), "Het ISMS is ingericht; de eerste audit is gepland."));
        var previous = LastCycle(submission
            .With("bio.niveau", Answer.Of(new LevelValue(1), "Nog geen ISMS."))
            .With("mijnoverheid.niveau", Answer.Of(new LevelValue(1), "Verkenning.")));

        var flags = Check(submission, previous, peers: [80m, 82m, 84m, 86m, 88m]);

        Assert.Equal(
            [
                (FlagRule.LevelJump, "bio"),
                (FlagRule.LevelJump, "mijnoverheid"),
                (FlagRule.PrerequisiteGap, "mijnoverheid"),
                (FlagRule.ExplanationsEmptyOrCopied, null),
                (FlagRule.PeerOutlier, null),
            ],
            flags.Select(f => (f.Rule, f.BlockId)));
        Assert.Equal(flags, Check(submission, previous, peers: [88m, 86m, 84m, 82m, 80m]));
    }

    [Fact]
    public void AScoreCardOfAnotherMunicipalityOrALaterCycleIsRefused()
    {
        var submission = TestData.ExampleSubmission();
        var card = Score(submission);

        Assert.Throws<ArgumentException>(() => PlausibilityRules.Check(Model, Questionnaire, submission, card, Comparison(card with { Municipality = "GM0001", Cycle = 2025 }, card), []));
        Assert.Throws<ArgumentException>(() => PlausibilityRules.Check(Model, Questionnaire, submission, card, Comparison(card, card), []));
        Assert.Throws<ArgumentException>(() => PlausibilityRules.Check(Model, Questionnaire, submission, card, Comparison(card with { Cycle = 2025 }, card with { Municipality = "GM0001" }), []));
        Assert.Throws<ArgumentException>(() => PlausibilityRules.Check(Model, Questionnaire, submission, card with { Municipality = "GM0001" }, null, []));
    }

    // ---- Helpers -----------------------------------------------------------------------------

    private static ScoreCard Score(Submission submission) => ScoringEngine.Score(Model, Questionnaire, submission);

    private static ScoreCard LastCycle(Submission submission) => Score(submission with { Cycle = submission.Cycle - 1 });

    private static IReadOnlyList<PlausibilityFlag> Check(Submission submission, ScoreCard? previous = null, decimal[]? peers = null) =>
        PlausibilityRules.Check(Model, Questionnaire, submission, Score(submission), previous is null ? null : Comparison(previous, Score(submission)), peers ?? []);

    /// <summary>Two cycles answered with the same questionnaire: no block's definition changed.</summary>
    private static CycleComparison Comparison(ScoreCard before, ScoreCard now) => new(before, now, new HashSet<string>());

    private static IReadOnlyList<PlausibilityFlag> CheckReal(Submission submission) =>
        PlausibilityRules.Check(RealModel, Real, submission, ScoringEngine.Score(RealModel, Real, submission), null, []);

    /// <summary>A submission to the real questionnaire answering only these questions, each with its top answer.</summary>
    private static Submission TopAnswers(IEnumerable<Question> questions, string? explanation = null) =>
        questions.Aggregate(TestData.Empty(Real), (s, q) => s.With(q.Id, Answer.Of(Top(q), explanation ?? $"Onderbouwing bij {q.Id}, met verwijzing naar het bewijs.")));

    /// <summary>The block's level answered, and every condition up to it met, so the level is also reached.</summary>
    private static Submission Reached(Submission submission, string blockId, int level)
    {
        foreach (var question in Real.BlocksById[blockId].Questions)
        {
            if (question.Type == QuestionType.Level)
            {
                submission = submission.With(question.Id, Answer.Of(new LevelValue(level), $"Niveau {level} voor {blockId}, zie het jaarverslag."));
            }
            else if (question.RequiredForLevel <= level)
            {
                submission = submission.With(question.Id, Answer.Of(Top(question)));
            }
        }

        return submission;
    }

    private static AnswerValue Top(Question question) => question.Type switch
    {
        QuestionType.Level => new LevelValue(MaturityModel.HighestLevel),
        QuestionType.YesNo => new YesNoValue(true),
        QuestionType.Single => new ChoiceValue(question.Options.MaxBy(o => o.Value)!.Id),
        QuestionType.Multi => new MultiChoiceValue(question.Options.Where(o => o.Value > 0).Select(o => o.Id).ToList()),
        QuestionType.Number => new NumberValue(question.Scale!.FullAt),
        _ => throw new ArgumentException($"{question.Id} has no top answer.", nameof(question)),
    };

    /// <summary>
    /// Every question answered, the way a careful municipality would: levels from 1 to 4 spread over the blocks
    /// (a block never above level 3 when it builds on another), each level supported by its conditions and
    /// explained in its own words, and the supporting answers a mix of high and low.
    /// </summary>
    private static Submission Honest(Questionnaire questionnaire, int levelShift)
    {
        int[] pattern = [2, 3, 4, 3, 1];
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var (block, i) in questionnaire.Blocks.Select((b, i) => (b, i)))
        {
            var definition = RealModel.BlocksById[block.BlockId];
            var level = pattern[i % pattern.Length];
            level = Math.Max(MaturityModel.LowestLevel, (definition.Prerequisites.Count > 0 ? Math.Min(level, 3) : level) + (i % 2 == 0 ? levelShift : 0));
            foreach (var (question, j) in block.Questions.Select((q, j) => (q, j)))
            {
                answers[question.Id] = question.Type switch
                {
                    QuestionType.Level => Answer.Of(new LevelValue(level), $"{definition.Name.Nl}: {definition.DescribeLevel(level).Nl}"),
                    _ when question.RequiredForLevel is { } required => Answer.Of(required <= level ? Top(question) : Lowest(question)),
                    QuestionType.YesNo => Answer.Of(new YesNoValue(j % 2 == 0)),
                    QuestionType.Single => Answer.Of(new ChoiceValue(question.Options[question.Options.Count / 2].Id)),
                    QuestionType.Multi => Answer.Of(new MultiChoiceValue([question.Options[0].Id])),
                    QuestionType.Number => Answer.Of(new NumberValue(question.Scale is { } scale ? decimal.Round((scale.ZeroAt + scale.FullAt) / 2) : question.Min ?? 0)),
                    _ => Answer.Of(new TextValue($"Ervaringen met {definition.Name.Nl} delen we in het regionale overleg.")),
                };
            }
        }

        return TestData.Empty(questionnaire) with { Answers = answers };
    }

    private static AnswerValue Lowest(Question question) => question.Type switch
    {
        QuestionType.YesNo => new YesNoValue(false),
        QuestionType.Single => new ChoiceValue(question.Options.MinBy(o => o.Value)!.Id),
        _ => throw new ArgumentException($"{question.Id} is not a yes/no or single-choice condition.", nameof(question)),
    };
}
