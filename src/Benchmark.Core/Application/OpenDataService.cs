using System.Globalization;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Loading;
using Benchmark.Core.Workflow;

namespace Benchmark.Core.Application;

/// <summary>
/// A round's open data (issue 18): the statistics small-group protection allows and the leaders who consented to be
/// named, from the cycle's current computation, never recomputed. The rules, in one place for the API, the pages and
/// the CLI (docs/open-data.md):
/// <list type="bullet">
/// <item>every group figure is the public form a municipality already gets (<see cref="PublicGroup.From"/>, so
/// <see cref="Disclosure"/>): figures only where the group is large enough, rounded, never a minimum or maximum; and,
/// unlike a member's view, n only from the smallest described size, so a small group's n does not say who took part;</item>
/// <item>groups are published by definition (id, kind, label), never with members or participants; analysts' own groups
/// are left out, because their members are no public fact and two of them that differ by one municipality would give
/// that municipality's score away by subtraction;</item>
/// <item>leaders only when named in the computation (they consented) and still consenting in their current submission;
/// leaders who did not consent are neither named nor counted;</item>
/// <item>analysts may download it at any time, to check it before publication; anyone else, with or without a key, only
/// once the cycle is closed.</item>
/// </list>
/// </summary>
public sealed class OpenDataService(ICycleRepository cycles, BenchmarkService benchmark, ICycleSubmissions submissions, QuestionnaireCatalog catalog, IAuditLog audit)
{
    public const string Licence = "CC0-1.0";
    public const string LicenceUrl = "https://creativecommons.org/publicdomain/zero/1.0/";
    public const string Publisher = "Benchmark e-overheid voor gemeenten";
    public const string Documentation = "docs/open-data.md";

    /// <summary>The kinds of group that are published: those defined by public register facts.</summary>
    public static IReadOnlyList<PeerGroupKind> PublishedKinds { get; } =
        [PeerGroupKind.All, PeerGroupKind.SizeClass, PeerGroupKind.CoarseSizeClass, PeerGroupKind.Province, PeerGroupKind.Collaboration];

    /// <param name="actor">The caller; null for someone without a key.</param>
    public async Task<Outcome<OpenDataSet>> OpenDataAsync(Actor? actor, int year, CancellationToken cancellationToken = default)
    {
        var cycle = await cycles.GetAsync(year, cancellationToken).ConfigureAwait(false);

        // Before anything else, so someone who may not read it does not even learn whether the cycle exists.
        if (actor?.Role != Role.Analyst && cycle is not { Status: CycleStatus.Closed })
        {
            // A key that tried is recorded with the refusals, as a role policy's refusal would be; no key, no name to record.
            if (actor is not null)
            {
                await audit.AppendAsync(
                    AuditAreas.Refusals,
                    actor.KeyId,
                    "refused",
                    $"open data of cycle {year}",
                    $"open data of a cycle that is not closed refused to a {actor.Role.ToString().ToLowerInvariant()} key{(actor.Municipality is null ? "" : " of " + actor.Municipality)}; only for analyst until the cycle is closed",
                    cancellationToken).ConfigureAwait(false);
            }

            return new Refusal(RefusalKind.Forbidden, "Not published", $"The open data of cycle {year} is published once the cycle is closed; until then only analysts may download it.")
            {
                Code = OpenDataRefusals.NotPublished,
            };
        }

        if (cycle is null)
        {
            return new Refusal(RefusalKind.NotFound, "Unknown cycle", $"There is no cycle {year}.") { Code = CycleRefusals.Unknown };
        }

        // Summary, groups and national view of one run: when a computation is switched in between, read again.
        for (var attempt = 0; ; attempt++)
        {
            var summary = await benchmark.SummaryAsync(year, cancellationToken).ConfigureAwait(false);
            var groups = await benchmark.GroupsAsync(year, cancellationToken).ConfigureAwait(false);
            var national = await benchmark.NationalAsync(year, cancellationToken).ConfigureAwait(false);
            if (summary is null || groups.Failed || national.Failed)
            {
                return groups.Failed ? groups.Refusal : national.Failed ? national.Refusal
                    : new Refusal(RefusalKind.NotFound, "Not computed", $"Cycle {year} has not been benchmarked yet.") { Code = BenchmarkRefusals.NotComputed };
            }

            if ((await benchmark.SummaryAsync(year, cancellationToken).ConfigureAwait(false))?.RunId != summary.RunId && attempt < 3)
            {
                continue;
            }

            var consenting = (await submissions.ListAsync(year, cancellationToken).ConfigureAwait(false))
                .Where(r => r.Submission.ConsentToBeNamed)
                .Select(r => r.Municipality)
                .ToHashSet(StringComparer.Ordinal);
            return Build(cycle, summary, groups.Value, national.Value, consenting);
        }
    }

    private OpenDataSet Build(Cycle cycle, BenchmarkSummary summary, IReadOnlyList<GroupBenchmark> groups, NationalView national, HashSet<string> consenting)
    {
        var model = catalog.ModelForCycle(cycle.Year);
        var published = groups.Where(g => PublishedKinds.Contains(g.Group.Kind)).ToList();
        var statistics = new List<OpenDataStatistic>();
        foreach (var group in published)
        {
            // The public form a member of the group gets: the one rule of what group figures may leave the system.
            var open = PublicGroup.From(group);
            foreach (var measure in group.Measures.Select(m => m.Measure))
            {
                var s = open.Measures[measure];

                // A member sees its own group's n; the public sees n only from the smallest described size: with the
                // register at hand, n of a group of 2 or 3 would say which municipalities took part.
                var n = s.N >= Disclosure.MinimumGroupSize ? s.N : (int?)null;
                statistics.Add(new OpenDataStatistic(open.Id, measure.ToString(), n, s.Mean, s.Median, s.P10, s.P25, s.P75, s.P90, s.WithheldReason));
            }
        }

        var leaders = new List<OpenDataLeader>();
        foreach (var block in model.Blocks)
        {
            var named = (national.LeadersByBlock.GetValueOrDefault(block.Id) ?? [])
                .Where(l => l.IsNamed && consenting.Contains(l.Municipality!))
                .ToList();
            leaders.AddRange(named.Select((l, i) => new OpenDataLeader(block.Id, i + 1, l.Municipality!, l.Name ?? l.Municipality!, l.StagedLevel, Disclosure.Rounded(l.Score, isIndex: false))));
        }

        var index = Disclosure.Decimals(isIndex: true);
        var score = Disclosure.Decimals(isIndex: false);
        List<OpenDataMeasure> measures =
        [
            new("index", "index", null, null, "Index", "Index", 0m, 100m, index),
            .. model.Domains.Select(d => new OpenDataMeasure(Measure.Domain(d.Id).ToString(), "domain", d.Id, null, d.Name.Nl, d.Name.En, 1m, 5m, score)),
            .. model.Blocks.Select(b => new OpenDataMeasure(Measure.Block(b.Id).ToString(), "block", b.Id, b.DomainId, b.Name.Nl, b.Name.En, 1m, 5m, score)),
        ];
        var year = cycle.Year.ToString(CultureInfo.InvariantCulture);
        return new OpenDataSet(
            OpenDataFiles.SchemaId,
            OpenDataFiles.SchemaVersion,
            new OpenDataMetadata(
                $"Benchmark e-overheid voor gemeenten, meting {year}: open data",
                cycle.Year,
                summary.RunId,
                summary.ComputedAt.ToUniversalTime(),
                model.Id,
                model.Version,
                cycle.QuestionnaireVersion,
                summary.IncludeSubmitted,
                summary.Participants,
                Licence,
                LicenceUrl,
                Publisher,
                $"Zelfevaluaties van gemeenten, meting {year}, berekening {summary.RunId}",
                Documentation,
                new OpenDataDisclosure(Disclosure.MinimumGroupSize, Disclosure.OrderStatisticsFrom, Disclosure.DecilesFrom, index, score)),
            measures,
            [.. published.Select(g => new OpenDataGroup(g.Group.Id, KindCode(g.Group.Kind), g.Group.Label))],
            statistics,
            leaders);
    }

    /// <summary>A group kind as the open data writes it.</summary>
    public static string KindCode(PeerGroupKind kind) => kind switch
    {
        PeerGroupKind.All => "all",
        PeerGroupKind.SizeClass => "size-class",
        PeerGroupKind.CoarseSizeClass => "coarse-size-class",
        PeerGroupKind.Province => "province",
        PeerGroupKind.Collaboration => "collaboration",
        _ => "custom",
    };
}
