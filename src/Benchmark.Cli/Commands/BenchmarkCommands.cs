using System.CommandLine;
using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Model;
using Benchmark.Core.Text;
using Benchmark.Core.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmark.Cli.Commands;

internal static class BenchmarkCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        var storage = CliContext.StorageOption();
        var prefix = CliContext.TablePrefixOption();
        var questionnaires = new Option<DirectoryInfo>("--questionnaires") { Description = "Folder with the model and questionnaires" };
        var cycle = new Option<int>("--cycle") { Description = "The cycle (year)", Required = true };
        var includeSubmitted = new Option<bool>("--include-submitted") { Description = "Count submitted (not yet approved) submissions too" };

        var ifChanged = new Option<bool>("--if-changed") { Description = "Keep the current run (its run id, and the reports made from it) when nothing it was computed from changed: neither the inputs nor the version of what a run stores" };
        var compute = new Command("compute", "Benchmark a cycle: peer-group statistics, positions, leaders, learn-from, flags; stores the results") { cycle, includeSubmitted, ifChanged, storage, prefix, questionnaires };
        compute.SetAction(async (parse, cancellationToken) =>
        {
            var services = await ServicesAsync(context, parse, storage, prefix, questionnaires, cancellationToken);
            if (services is null)
            {
                return 2;
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var outcome = await services.Benchmark.ComputeIfChangedAsync(parse.GetValue(cycle), parse.GetValue(includeSubmitted), KnownActors.CommandLine, reuseUnchanged: parse.GetValue(ifChanged), cancellationToken);
            if (outcome.Failed)
            {
                context.Error.WriteLine($"{outcome.Refusal.Title}: {outcome.Refusal.Detail}");
                return 1;
            }

            var summary = outcome.Value.Summary;
            if (outcome.Value.Reused)
            {
                context.Output.WriteLine($"Cycle {summary.Cycle}: unchanged since run {summary.RunId} ({summary.ComputedAt.InDutchTime():yyyy-MM-dd HH:mm} Dutch time); nothing recomputed.");
                return 0;
            }

            var flags = await services.Curation.ListFlagsAsync(summary.Cycle, cancellationToken);
            var notes = await services.Curation.ListNotesAsync(summary.Cycle, cancellationToken);
            context.Output.WriteLine($"Cycle {summary.Cycle}: {summary.Participants} {(summary.IncludeSubmitted ? "approved or submitted" : "approved")} submissions benchmarked in {clock.Elapsed.TotalSeconds:F1} s (run {summary.RunId}).");
            context.Output.WriteLine($"Plausibility flags: {flags.Count} ({flags.Count(f => !f.Dismissed)} open). Practice notes: {notes.Count} ({notes.Count(n => n.Status == NoteStatus.Pending)} waiting for review).");
            var counted = await services.Benchmark.CountedAsync(summary.Cycle, summary.IncludeSubmitted, cancellationToken);
            if (counted.Count > 0)
            {
                context.Output.WriteLine($"Whom can a municipality learn from? For example: benchmark learn-from {counted[0]} --cycle {summary.Cycle}");
            }

            return 0;
        });

        var municipality = new Argument<string>("municipality") { Description = "GM code" };
        var learnCycle = new Option<int?>("--cycle") { Description = "The cycle (default: the latest with results)" };
        var language = new Option<string>("--lang") { Description = "nl (default) or en", DefaultValueFactory = _ => "nl" };
        language.AcceptOnlyFromAmong("nl", "en");
        var learnFrom = new Command("learn-from", "A municipality's three largest gaps and the leaders it can learn from") { municipality, learnCycle, language, storage, prefix, questionnaires };
        learnFrom.SetAction(async (parse, cancellationToken) =>
        {
            var services = await ServicesAsync(context, parse, storage, prefix, questionnaires, cancellationToken);
            if (services is null)
            {
                return 2;
            }

            var code = parse.GetValue(municipality)!.Trim().ToUpperInvariant();
            if ((parse.GetValue(learnCycle) ?? await services.Benchmark.LatestComputedCycleAsync(cancellationToken)) is not { } year)
            {
                context.Error.WriteLine("No benchmark results yet; run 'benchmark compute --cycle <year>' first.");
                return 1;
            }

            var result = await services.Benchmark.ResultAsync(year, code, cancellationToken);
            if (result.Failed)
            {
                var status = await services.Benchmark.SubmissionStatusAsync(year, code, cancellationToken);
                context.Error.WriteLine(status is null
                    ? $"{code} has no submission in cycle {year}."
                    : $"{code}'s submission for cycle {year} {status switch { SubmissionStatus.Draft => "is still a draft", SubmissionStatus.Submitted => "is submitted but not yet approved", _ => "was rejected" }}; only approved submissions are benchmarked (or compute with --include-submitted).");
                return 1;
            }

            var register = await services.Registers.GetAsync(year, cancellationToken);
            context.Output.Write(LearnFromText.Format(result.Value.Advice, services.Catalog.ModelForCycle(year), register, Languages.Parse(parse.GetValue(language))));
            return 0;
        });

        return [compute, learnFrom];
    }

    private sealed record BenchmarkServices(BenchmarkService Benchmark, CurationService Curation, RegisterService Registers, Core.Loading.QuestionnaireCatalog Catalog);

    private static async Task<BenchmarkServices?> ServicesAsync(CliContext context, ParseResult parse, Option<string> storage, Option<string> prefix, Option<DirectoryInfo> questionnaires, CancellationToken cancellationToken)
    {
        var catalog = context.LoadCatalog(parse.GetValue(questionnaires)?.FullName);
        if (catalog is null)
        {
            return null;
        }

        var services = await CliContext.ServicesAsync(parse, storage, prefix, catalog, cancellationToken);
        return new BenchmarkServices(services.GetRequiredService<BenchmarkService>(), services.GetRequiredService<CurationService>(), services.GetRequiredService<RegisterService>(), catalog);
    }
}

/// <summary>The learn-from advice as plain text; leaders appear only by name when they consented (the engine already leaves the others out).</summary>
internal static class LearnFromText
{
    public static string Format(LearnFromAdvice advice, MaturityModel model, Core.Register.MunicipalityRegister? register, Language language)
    {
        var nl = language == Language.Dutch;
        string T(string dutch, string english) => nl ? dutch : english;
        var text = new System.Text.StringBuilder();
        var name = register?.Find(advice.Municipality)?.EverydayName;
        text.AppendLine($"{(name is null ? advice.Municipality : $"{name} ({advice.Municipality})")} — {T("cyclus", "cycle")} {advice.Cycle}: {T("leren van anderen", "learn from others")}");
        if (advice.Gaps.Count == 0)
        {
            text.AppendLine(T("Geen achterstand op de vergelijkingsgroep of de eigen doelen.", "No gap to the peer group or to the own targets."));
            return text.ToString();
        }

        foreach (var (gap, index) in advice.Gaps.Select((g, i) => (g, i + 1)))
        {
            var reference = gap.ReferenceKind == "target"
                ? T("eigen doel", "own target")
                : gap.ReferenceGroup == "all" ? T("P75 van alle gemeenten", "P75 of all municipalities") : T("P75 van de vergelijkingsgroep", "peer group P75");
            text.AppendLine();
            text.AppendLine($"{index}. {model.BlocksById[gap.BlockId].Name.In(language)}: {Numbers.Format(gap.Score, 2, language)} {T("tegen", "against")} {Numbers.Format(gap.Reference, 2, language)} ({reference})");
            if (gap.LearnFrom.Count == 0)
            {
                text.AppendLine("   " + gap.Basis switch
                {
                    LearnFromBasis.NobodyAhead => T("Geen gemeente scoort hier duidelijk hoger.", "No municipality scores clearly higher here."),
                    LearnFromBasis.LeadersAnonymous => T("Er zijn koplopers, maar geen van hen wil genoemd worden.", "There are leaders, but none of them agreed to be named."),
                    LearnFromBasis.AheadAnonymous => T("Er zijn gemeenten die duidelijk hoger scoren, maar geen van hen wil genoemd worden.", "Municipalities score clearly higher, but none of them agreed to be named."),
                    _ => T("Nog geen gemeente die zich als voorloper liet noemen.", "No leader has agreed to be named yet."),
                });
            }

            foreach (var leader in gap.LearnFrom)
            {
                text.AppendLine($"   - {leader.Name} ({leader.Municipality}), {T("niveau", "level")} {leader.StagedLevel}, score {Numbers.Format(leader.Score, 2, language)}");
                if (leader.Note is { } note)
                {
                    text.AppendLine($"     {T("Wat werkte", "What worked")}: {note.Text}{(note.ContactRole is null ? "" : $" ({T("contact", "contact")}: {note.ContactRole})")}");
                }
            }
        }

        return text.ToString();
    }
}
