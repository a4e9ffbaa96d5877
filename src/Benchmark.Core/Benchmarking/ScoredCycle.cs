using Benchmark.Core.Model;
using Benchmark.Core.Register;
using Benchmark.Core.Scoring;
using Benchmark.Core.Submissions;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Benchmarking;

/// <summary>
/// What a computation keeps of one scored submission once its score card is dropped (issue 19): its measure values and
/// staged levels (<see cref="MeasureRow"/>), its index and completeness. A card is some 20 KB; a cycle of ten thousand
/// holds these instead, and scores a submission again where one municipality's whole card is needed (its result, its
/// plausibility check).
/// </summary>
public sealed record ParticipantSummary(Municipality Municipality, Submission Submission, SubmissionStatus Status, bool Complete, decimal? Index, decimal Completeness, MeasureRow Row)
{
    /// <summary>The summary of a scored participant; its card can be dropped once this is made.</summary>
    public static ParticipantSummary Of(Participant participant, MeasureLayout layout)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(layout);
        return Of(participant.Municipality, participant.Submission, participant.Status, participant.Complete, participant.Card, layout);
    }

    public static ParticipantSummary Of(Municipality municipality, Submission submission, SubmissionStatus status, bool complete, ScoreCard card, MeasureLayout layout)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(layout);
        return new ParticipantSummary(municipality, submission, status, complete, card.Index, card.Completeness, layout.Row(municipality, submission.ConsentToBeNamed, card));
    }
}

/// <summary>
/// A cycle's participants as summaries rather than score cards: the input of the benchmark, the national picture, the
/// learn-from advice and the plausibility peers when a cycle is too large to hold every card (issue 19). Made from a
/// <see cref="BenchmarkInput"/> by <see cref="Of"/>, so the two inputs give the same results.
/// </summary>
/// <remarks>The participants' rows must be made with a layout of <paramref name="Model"/> (<see cref="Layout"/>, or any other of the same model).</remarks>
public sealed record ScoredCycle(
    int Cycle,
    MaturityModel Model,
    MunicipalityRegister Register,
    IReadOnlyList<ParticipantSummary> Participants,
    IReadOnlyList<CustomGroup> CustomGroups,
    IReadOnlyList<ApprovedNote> Notes,
    bool IncludeSubmitted = false)
{
    private MeasureLayout? _layout;

    /// <summary>Where each measure and block of <see cref="Model"/> is in a participant's row; made from the model, so the two always match.</summary>
    public MeasureLayout Layout => _layout is { } made && ReferenceEquals(made.Model, Model) ? made : _layout = MeasureLayout.For(Model);

    public static ScoredCycle Of(BenchmarkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cycle = new ScoredCycle(input.Cycle, input.Model, input.Register, [], input.CustomGroups, input.Notes, input.IncludeSubmitted);
        var layout = cycle.Layout;
        return cycle with { Participants = input.Participants.Select(p => ParticipantSummary.Of(p, layout)).ToList() };
    }

    /// <summary>Who counts, by the one rule of <see cref="BenchmarkEngine.Counted"/>, in its order.</summary>
    public IReadOnlyList<ParticipantSummary> Counted() =>
        BenchmarkEngine.Counted(Participants, p => (p.Municipality, p.Status, p.Complete), Register, IncludeSubmitted);

    /// <summary>The engine's input: the rows of those who count.</summary>
    public CompactBenchmarkInput Compact() => new(Cycle, Model, Register, Counted().Select(p => p.Row).ToList(), CustomGroups, Notes);
}
