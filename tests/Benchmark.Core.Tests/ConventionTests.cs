using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Benchmark.Core.Loading;
using Benchmark.Core.Scoring;
using NJsonSchema;
using YamlDotNet.RepresentationModel;

namespace Benchmark.Core.Tests;

/// <summary>Rules of the repository that must keep holding.</summary>
public sealed partial class ConventionTests
{
    public static TheoryData<string> QuestionnaireFiles() =>
        new(Directory.GetFiles(RepositoryPaths.Questionnaires, "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(QuestionnaireFiles))]
    public void EveryQuestionnaireFileValidates(string file)
    {
        var problems = QuestionnaireCatalog.ValidateFile(Path.Combine(RepositoryPaths.Questionnaires, file));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(QuestionnaireFiles))]
    public async Task EveryQuestionnaireFileConformsToItsJsonSchema(string file)
    {
        var json = YamlToJson(File.ReadAllText(Path.Combine(RepositoryPaths.Questionnaires, file)));
        var kind = json!["kind"]!.GetValue<string>();
        var schemaFile = kind == ModelLoader.Kind ? "model.schema.json" : "questionnaire.schema.json";
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepositoryPaths.Questionnaires, "schema", schemaFile));

        var errors = schema.Validate(json!.ToJsonString());

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind} {e.Property}")));
    }

    [Fact]
    public async Task TheSchemasRejectWhatTheLoaderRejects()
    {
        // Guards against schemas so loose that the conformance test above could never fail.
        var modelSchema = await JsonSchema.FromFileAsync(Path.Combine(RepositoryPaths.Questionnaires, "schema", "model.schema.json"));
        var questionnaireSchema = await JsonSchema.FromFileAsync(Path.Combine(RepositoryPaths.Questionnaires, "schema", "questionnaire.schema.json"));
        var model = File.ReadAllText(RepositoryPaths.Fixture("mini", "model.yaml"));
        var questionnaire = File.ReadAllText(RepositoryPaths.Fixture("mini", "questionnaire-2026.yaml"));

        Assert.Empty(modelSchema.Validate(YamlToJson(model)!.ToJsonString()));
        Assert.Empty(questionnaireSchema.Validate(YamlToJson(questionnaire)!.ToJsonString()));
        Assert.NotEmpty(modelSchema.Validate(YamlToJson(model.Replace("weight: 1.5", "weight: -1.5", StringComparison.Ordinal))!.ToJsonString()));
        Assert.NotEmpty(modelSchema.Validate(YamlToJson(model.Replace("name: {nl: BIO, en: BIO}", "name: {nl: BIO}", StringComparison.Ordinal))!.ToJsonString()));
        Assert.NotEmpty(questionnaireSchema.Validate(YamlToJson(questionnaire.Replace("type: yesno", "type: yesnoo", StringComparison.Ordinal))!.ToJsonString()));
        Assert.NotEmpty(questionnaireSchema.Validate(YamlToJson(questionnaire.Replace("value: 0.5}", "value: 5}", StringComparison.Ordinal))!.ToJsonString()));
    }

    [Fact]
    public void TheModelCoversAtLeastThirtyBlocksInSevenDomains()
    {
        var catalog = QuestionnaireCatalog.LoadDirectory(RepositoryPaths.Questionnaires);

        Assert.True(catalog.ModelForCycle(2026).Blocks.Count >= 30, $"{catalog.ModelForCycle(2026).Blocks.Count} blocks");
        Assert.True(catalog.ModelForCycle(2026).Domains.Count >= 7, $"{catalog.ModelForCycle(2026).Domains.Count} domains");
        Assert.All(catalog.ModelForCycle(2026).Blocks, b => Assert.Equal(5, b.LevelDescriptions.Count));
        Assert.All(catalog.ModelForCycle(2026).Blocks.SelectMany(b => b.LevelDescriptions), d => Assert.False(d.Nl == d.En, $"untranslated: {d.Nl}"));
    }

    [Fact]
    public void EveryQuestionnaireVersionAfterTheFirstMapsTheOneBeforeIt()
    {
        var catalog = QuestionnaireCatalog.LoadDirectory(RepositoryPaths.Questionnaires);

        Assert.True(catalog.Questionnaires.Count >= 2);
        for (var i = 1; i < catalog.Questionnaires.Count; i++)
        {
            var mapping = catalog.Questionnaires[i].Mapping;
            Assert.NotNull(mapping);
            Assert.Equal(catalog.Questionnaires[i - 1].Version, mapping.FromVersion);
            Assert.Contains(mapping.Changes, c => c.Kind == Model.MappingKind.Added);
        }

        // Every kind of change occurs somewhere, so each is exercised by the translation and comparison tests.
        var kinds = catalog.Questionnaires.SelectMany(q => q.Mapping?.Changes ?? []).Select(c => c.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<Model.MappingKind>().ToHashSet(), kinds);
    }

    [Fact]
    public void CoreReferencesNoAzureOrSkiaPackage()
    {
        string[] forbidden = ["Azure", "SkiaSharp", "ScottPlot", "HarfBuzzSharp", "Microsoft.AspNetCore"];
        var project = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "Benchmark.Core", "Benchmark.Core.csproj"));
        var packages = project.Descendants("PackageReference").Select(p => (string?)p.Attribute("Include") ?? "").ToList();
        var assemblies = typeof(ScoringEngine).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.NotEmpty(assemblies);
        Assert.DoesNotContain(packages, p => forbidden.Any(f => p.StartsWith(f, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(assemblies, a => forbidden.Any(f => a.StartsWith(f, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(project.Descendants("FrameworkReference"), _ => true);
    }

    [Fact]
    public void NothingInTheRepositoryReadsTheSharedFolderBesideIt()
    {
        // A clone of the repository alone must build, run and test: reference data the project needs is copied into data/.
        string[] folders = ["src", "tests", "scripts", "perf", ".ci"];
        var sources = folders
            .Select(folder => Path.Combine(RepositoryPaths.Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(file => Path.GetExtension(file) is ".cs" or ".sh" or ".csproj" or ".props" or ".json" or "" && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        // Written in parts, so this file does not find itself.
        string[] patterns = [".." + "/shared", "\"..\", \"" + "shared\""];

        Assert.NotEmpty(sources);
        Assert.DoesNotContain(sources, file => patterns.Any(pattern => File.ReadAllText(file).Contains(pattern, StringComparison.Ordinal)));
    }

    [Fact]
    public void NoAdapterConstructsAStoreOrAServiceTheCompositionRootProvides()
    {
        // The app and the CLI get their stores and use-case services from StorageServices.AddBenchmarkStorage, so both
        // wire them one way. (TableBackup is the backup tool itself, with its own bulk time-out, not a store.)
        var storage = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", "Benchmark.Storage"), "*.cs", SearchOption.TopDirectoryOnly)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(name => name.EndsWith("Store", StringComparison.Ordinal) || name.EndsWith("Service", StringComparison.Ordinal) || name is "BenchmarkTables" or "ReportStorage" or "DemoLoader")
            .ToList();
        Assert.Contains("CycleStore", storage);
        string[] adapters = ["Benchmark.Functions", "Benchmark.Cli"];
        var offenders = adapters
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => storage.Where(type => File.ReadAllText(file).Contains("new " + type + "(", StringComparison.Ordinal) || File.ReadAllText(file).Contains("new Storage." + type + "(", StringComparison.Ordinal)).Select(type => $"{Path.GetFileName(file)} constructs {type}"))
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void NoAdapterReachesStorageDirectly()
    {
        // Endpoints, pages, the queue function and CLI commands translate to and from the application services
        // (src/Benchmark.Core/Application); the stores behind them are reached only through the services' repository
        // interfaces, so a rule is never applied by one adapter and skipped by another.
        var storageTypes = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", "Benchmark.Storage"), "*.cs", SearchOption.TopDirectoryOnly)
            .SelectMany(file => StorageTypeDeclaration().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Where(name => name.EndsWith("Store", StringComparison.Ordinal) || name.EndsWith("Storage", StringComparison.Ordinal) || name.EndsWith("Table", StringComparison.Ordinal) || name is "BenchmarkTables" or "ReportInputs")
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("SubmissionStore", storageTypes);
        Assert.Contains("BenchmarkTables", storageTypes);

        // What may name storage: the hosting code that registers and starts it, and ASP.NET's data-protection key ring,
        // which implements an ASP.NET interface over a table and so lives with the web app.
        string[] allowed = ["BenchmarkApp.cs", "Program.cs", "TableXmlRepository.cs", "WebPages.cs", "CliContext.cs"];
        string[] adapterProjects = ["Benchmark.Functions", "Benchmark.Cli"];
        var adapterFiles = adapterProjects
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", project), "*.cs*", SearchOption.AllDirectories))
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => !allowed.Contains(Path.GetFileName(file)))
            .ToList();
        Assert.Contains(adapterFiles, file => file.EndsWith("SubmissionEndpoints.cs", StringComparison.Ordinal));

        var offenders = adapterFiles
            .SelectMany(file => CodeWithoutComments(File.ReadAllText(file))
                .SelectMany(line => Identifier().Matches(line).Select(m => m.Value))
                .Where(storageTypes.Contains)
                .Distinct(StringComparer.Ordinal)
                .Select(type => $"{Path.GetRelativePath(RepositoryPaths.Root, file)} uses {type}"))
            // The queue trigger's attribute names the queue it listens on: a constant, not a store.
            .Where(offence => !offence.EndsWith("WorkerFunctions.cs uses ReportStorage", StringComparison.Ordinal))
            .ToList();

        Assert.True(offenders.Count == 0, "Adapters reach storage only through the application services:\n" + string.Join("\n", offenders));
    }

    private static IEnumerable<string> CodeWithoutComments(string source) =>
        source.Split('\n').Select(line => line.Trim()).Where(line => !line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith("@*", StringComparison.Ordinal))
            .Select(line => line.Contains(" // ", StringComparison.Ordinal) ? line[..line.IndexOf(" // ", StringComparison.Ordinal)] : line);

    [GeneratedRegex(@"^(?:public|internal)\s+(?:sealed\s+|static\s+|partial\s+)*(?:class|record)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex StorageTypeDeclaration();

    [GeneratedRegex(@"\b[A-Z]\w+\b")]
    private static partial Regex Identifier();

    [Fact]
    public void TheReportTestsDoNotBuildTheWebApp()
    {
        // Rendering and reading PDFs needs the core and the report layout only; waiting for the function app to build
        // (and breaking when it does not) would tie the report tests to code they do not test.
        var project = XDocument.Load(Path.Combine(RepositoryPaths.Root, "tests", "Benchmark.Reports.Tests", "Benchmark.Reports.Tests.csproj"));
        var references = project.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).ToList();

        Assert.Equal(["Benchmark.Reports"], references);
    }

    [Fact]
    public void EveryPackageVersionIsPinnedCentrally()
    {
        var projects = Directory.GetFiles(RepositoryPaths.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var project in projects)
        {
            var references = XDocument.Load(project).Descendants("PackageReference").ToList();
            Assert.All(references, r => Assert.Null(r.Attribute("Version")));
        }
    }

    /// <summary>Converts YAML to JSON the way a schema-aware editor sees it: plain scalars that look like numbers or booleans are typed.</summary>
    internal static JsonNode? YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);

        static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode mapping => new JsonObject(mapping.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, Convert(p.Value)))),
            YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
            YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar => Plain(scalar.Value),
            YamlScalarNode scalar => JsonValue.Create(scalar.Value),
            _ => null,
        };

        static JsonNode? Plain(string? value)
        {
            if (value is null or "null" or "~" or "")
            {
                return null;
            }

            if (value is "true" or "false")
            {
                return JsonValue.Create(value == "true");
            }

            return decimal.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : JsonValue.Create(value);
        }
    }
}
