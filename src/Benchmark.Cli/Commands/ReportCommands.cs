using Microsoft.Extensions.DependencyInjection;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Benchmark.Core.Application;
using Benchmark.Core.Demo;
using Benchmark.Core.Model;
using Benchmark.Core.Reports;
using Benchmark.Reports;
using Benchmark.Storage;

namespace Benchmark.Cli.Commands;

internal static class ReportCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        var questionnaires = new Option<DirectoryInfo>("--questionnaires") { Description = "Folder with the model and questionnaires" };
        var language = new Option<string>("--lang") { Description = "nl (default) or en", DefaultValueFactory = _ => "nl" };
        language.AcceptOnlyFromAmong("nl", "en");

        // benchmark report <GM|national> --out file.pdf: one report from files, no storage.
        var subject = new Argument<string>("municipality") { Description = "GM code, or 'national' for the national report" };
        var output = new Option<FileInfo>("--out") { Description = "The PDF to write; its HTML twin is written beside it (.html)", Required = true };
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder written by 'benchmark demo generate' (registers and submissions)", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(".data", "demo")) };
        var reportCycle = new Option<int?>("--cycle") { Description = "The cycle (default: the latest in the data)" };
        var one = new Command("report", "Render one council report (or the national report) locally from files, without storage; every submission counts as approved") { subject, output, data, reportCycle, language, questionnaires };
        one.SetAction(parse =>
        {
            var catalog = context.LoadCatalog(parse.GetValue(questionnaires)?.FullName);
            if (catalog is null)
            {
                return 2;
            }

            DemoDataSet files;
            try
            {
                files = DemoFiles.Read(parse.GetValue(data)!.FullName, catalog);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException or IOException)
            {
                context.Error.WriteLine(e.Message);
                return 2;
            }

            var cycle = parse.GetValue(reportCycle) ?? files.Submissions.Max(s => s.Cycle);
            if (files.Registers.All(r => r.Year > cycle))
            {
                context.Error.WriteLine($"{parse.GetValue(data)!.FullName} has no register for {cycle} or earlier.");
                return 2;
            }

            var code = parse.GetValue(subject)!.Trim();
            var lang = Languages.Parse(parse.GetValue(language));
            var clock = Stopwatch.StartNew();
            OfflineReports offline;
            try
            {
                offline = new OfflineReports(files, catalog, cycle);
            }
            catch (ArgumentException e)
            {
                context.Error.WriteLine(e.Message.Split(" (Parameter", 2)[0]);
                return 2;
            }

            var renderer = new ReportRenderer();
            var dataDate = DateOnly.FromDateTime(File.GetLastWriteTimeUtc(Path.Combine(parse.GetValue(data)!.FullName, $"register-{files.RegisterFor(cycle).Year}.json")));
            RenderedReport rendered;
            string title;
            if (string.Equals(code, ReportMessage.National, StringComparison.OrdinalIgnoreCase))
            {
                var report = NationalReportBuilder.Build(catalog.ModelForCycle(cycle), offline.National(), dataDate, lang);
                rendered = renderer.National(report);
                title = report.Labels.DocumentTitle;
            }
            else
            {
                code = code.ToUpperInvariant();
                if (!offline.Municipalities.Contains(code))
                {
                    context.Error.WriteLine($"{code} has no submission in cycle {cycle} in {parse.GetValue(data)!.FullName}.");
                    return 2;
                }

                var report = CouncilReportBuilder.Build(offline.CouncilInput(code, dataDate), lang);
                rendered = renderer.Council(report);
                title = report.Labels.DocumentTitle;
            }

            var pdf = parse.GetValue(output)!;
            var html = Path.ChangeExtension(pdf.FullName, ".html");
            Directory.CreateDirectory(pdf.DirectoryName!);
            File.WriteAllBytes(pdf.FullName, rendered.Pdf);
            File.WriteAllText(html, rendered.Html);
            context.Output.WriteLine($"{title}: {pdf.FullName} ({rendered.Pdf.Length / 1024} KB) and its HTML twin {html}, in {clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s.");
            return 0;
        });

        // benchmark reports generate --cycle <year>: every report through the queue.
        var storage = CliContext.StorageOption();
        var prefix = CliContext.TablePrefixOption();
        var cycleOption = new Option<int>("--cycle") { Description = "The cycle (year)", Required = true };
        var languages = new Option<string[]>("--lang") { Description = "Languages: nl (default), en, or both", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["nl"] };
        languages.AcceptOnlyFromAmong("nl", "en");
        var enqueueOnly = new Option<bool>("--enqueue-only") { Description = "Only put the messages on the queue and follow progress; leave the rendering to the function app" };
        var timeout = new Option<int>("--timeout") { Description = "Give up following progress after this many minutes without any (default 10)", DefaultValueFactory = _ => 10 };
        var generate = new Command("generate", "Generate every council report and the national report of a cycle through the queue, with a progress bar") { cycleOption, languages, enqueueOnly, timeout, storage, prefix, questionnaires };
        generate.SetAction(async (parse, cancellationToken) =>
        {
            var catalog = context.LoadCatalog(parse.GetValue(questionnaires)?.FullName);
            if (catalog is null)
            {
                return 2;
            }

            await using var services = await CliContext.ServicesAsync(parse, storage, prefix, catalog, cancellationToken);
            var service = services.GetRequiredService<ReportService>();

            var clock = Stopwatch.StartNew();
            var started = await service.StartAsync(parse.GetValue(cycleOption), parse.GetValue(languages)!, KnownActors.CommandLine, cancellationToken);
            if (started.Failed)
            {
                context.Error.WriteLine($"{started.Refusal.Title}: {started.Refusal.Detail}");
                return 1;
            }

            var batch = started.Value;
            context.Output.WriteLine($"Batch {batch.Id}: {batch.Total} reports ({batch.Total - 1} councils and the national report) for cycle {batch.Cycle} in {string.Join(" and ", batch.Languages)}, queued.");

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var working = parse.GetValue(enqueueOnly)
                ? Task.CompletedTask
                : Task.Run(() => services.GetRequiredService<ReportQueueWorker>().RunAsync(stop.Token), stop.Token);
            var bar = new ProgressBar(context.Output, batch.Total, context.IsInteractive);
            var status = await service.StatusAsync(batch.Cycle, batch.Id, cancellationToken);
            var lastProgress = clock.Elapsed;
            var handled = 0;
            while (status is not null && !status.Finished)
            {
                if (status.Done + status.Poisoned > handled)
                {
                    handled = status.Done + status.Poisoned;
                    lastProgress = clock.Elapsed;
                }
                else if (clock.Elapsed - lastProgress > TimeSpan.FromMinutes(parse.GetValue(timeout)) || working.IsFaulted)
                {
                    break;
                }

                bar.Show(status.Done, status.Poisoned, clock.Elapsed);
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
                status = await service.StatusAsync(batch.Cycle, batch.Id, cancellationToken);
            }

            await stop.CancelAsync();
            try
            {
                await working;
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose; what is left stays on the queue.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.Error.WriteLine($"The report worker stopped: {e.GetType().Name}: {e.Message}");
            }

            status ??= await service.StatusAsync(batch.Cycle, batch.Id, cancellationToken);
            bar.Show(status!.Done, status.Poisoned, clock.Elapsed);
            bar.Finish();
            var seconds = clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
            context.Output.WriteLine($"Done: {status.Done} ({status.Skipped} already up to date), failed: {status.Poisoned}, waiting: {status.Queued + status.Retrying}, time: {seconds} s.");
            foreach (var failure in status.Failures)
            {
                context.Output.WriteLine($"  {failure.Subject}: {failure.Status.ToString().ToLowerInvariant()} after {failure.Attempts} attempt(s): {failure.Error}");
            }

            if (!status.Finished)
            {
                context.Error.WriteLine($"Gave up waiting after {parse.GetValue(timeout)} minute(s) without progress; the rest stays on the queue{(parse.GetValue(enqueueOnly) ? " for the function app" : "; run again, or start the function app")}.");
                return 1;
            }

            return status.Poisoned == 0 ? 0 : 1;
        });

        return [one, new Command("reports", "Council and national reports in storage") { generate }];
    }
}

/// <summary>A one-line progress bar on a terminal; on a file or pipe, a line at every tenth.</summary>
internal sealed class ProgressBar(TextWriter output, int total, bool interactive)
{
    private const int Width = 30;
    private int _lastTenth = -1;

    public void Show(int done, int failed, TimeSpan elapsed)
    {
        var handled = done + failed;
        var fraction = total == 0 ? 1 : (double)handled / total;
        var text = string.Create(CultureInfo.InvariantCulture, $"[{new string('#', (int)(fraction * Width)).PadRight(Width, '.')}] {handled}/{total} {Math.Floor(fraction * 100),3:F0} %  {(failed > 0 ? $"{failed} failed  " : "")}{elapsed:m\\:ss}");
        if (interactive)
        {
            output.Write("\r" + text);
            return;
        }

        var tenth = (int)(fraction * 10);
        if (tenth > _lastTenth)
        {
            _lastTenth = tenth;
            output.WriteLine(text);
        }
    }

    public void Finish()
    {
        if (interactive)
        {
            output.WriteLine();
        }
    }
}
