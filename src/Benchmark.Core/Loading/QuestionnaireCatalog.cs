using Benchmark.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Benchmark.Core.Loading;

/// <summary>
/// The maturity models and every questionnaire version in one folder (the repository's <c>questionnaires/</c>).
/// Files are told apart by their <c>kind</c>, not their names. Each questionnaire names the model it is for, so a
/// cycle is scored, benchmarked and reported against the model of its own questionnaire version: a new model version
/// never changes how earlier rounds score or read (docs/model.md).
/// </summary>
public sealed class QuestionnaireCatalog
{
    private readonly Dictionary<string, MaturityModel> _models;

    private QuestionnaireCatalog(IReadOnlyList<MaturityModel> models, IReadOnlyList<Questionnaire> questionnaires)
    {
        _models = models.ToDictionary(m => m.Id, StringComparer.Ordinal);
        Questionnaires = questionnaires.OrderBy(q => q.FirstCycle).ToList();
        Models = Questionnaires.Select(q => _models[q.ModelId]).Distinct().ToList();
    }

    /// <summary>The models the questionnaires use, in the order of the first version that uses each.</summary>
    public IReadOnlyList<MaturityModel> Models { get; }

    /// <summary>The model of the latest questionnaire version: the one new rounds are measured against.</summary>
    public MaturityModel LatestModel => ModelOf(Questionnaires[^1]);

    /// <summary>All versions, oldest first.</summary>
    public IReadOnlyList<Questionnaire> Questionnaires { get; }

    public Questionnaire? Version(string version) => Questionnaires.FirstOrDefault(q => q.Version == version);

    /// <summary>The version in use in a cycle: the latest whose first cycle is not after it.</summary>
    public Questionnaire? ForCycle(int cycle) => Questionnaires.LastOrDefault(q => q.FirstCycle <= cycle);

    /// <summary>The model a questionnaire version measures against.</summary>
    public MaturityModel ModelOf(Questionnaire questionnaire) => _models[questionnaire.ModelId];

    /// <summary>The model of a questionnaire version, by its version string.</summary>
    public MaturityModel ModelOfVersion(string version) =>
        ModelOf(Version(version) ?? throw new ArgumentException($"No questionnaire version '{version}'.", nameof(version)));

    /// <summary>The model a cycle is measured against: that of its questionnaire version; the earliest for a cycle before every version.</summary>
    public MaturityModel ModelForCycle(int cycle) => ModelOf(ForCycle(cycle) ?? Questionnaires[0]);

    public static QuestionnaireCatalog LoadDirectory(string directory)
    {
        var result = TryLoadDirectory(directory);
        return result.GetValueOrThrow();
    }

    public static LoadResult<QuestionnaireCatalog> TryLoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return new LoadResult<QuestionnaireCatalog>(null, [new LoadProblem(directory, 0, 0, "", "folder not found")]);
        }

        var files = DataFiles(directory);
        // A file whose kind cannot be read is never skipped in silence: its own problems are reported.
        var unreadable = files.Where(f => f.Kind is not (ModelLoader.Kind or QuestionnaireLoader.Kind)).SelectMany(f => ValidateFile(f.Path)).ToList();
        var modelFiles = files.Where(f => f.Kind == ModelLoader.Kind).ToList();
        if (modelFiles.Count == 0)
        {
            return new LoadResult<QuestionnaireCatalog>(null, [new LoadProblem(directory, 0, 0, "", $"no maturity model (a YAML file with kind: {ModelLoader.Kind}) in {directory}")]);
        }

        var (models, modelProblems) = LoadModels(modelFiles);
        if (modelProblems.Count > 0)
        {
            return new LoadResult<QuestionnaireCatalog>(null, [.. modelProblems, .. unreadable]);
        }

        var loader = new VersionLoader(models, files.Where(f => f.Kind == QuestionnaireLoader.Kind).ToList());
        var questionnaires = loader.LoadAll();
        if (questionnaires.Count == 0 && loader.Problems.Count == 0)
        {
            return new LoadResult<QuestionnaireCatalog>(null, [new LoadProblem(directory, 0, 0, "", $"no questionnaire (a YAML file with kind: {QuestionnaireLoader.Kind}) in {directory}")]);
        }

        var problems = loader.Problems.Concat(unreadable).ToList();
        foreach (var duplicate in questionnaires.GroupBy(q => q.FirstCycle).Where(g => g.Count() > 1))
        {
            problems.Add(new LoadProblem(directory, 0, 0, "", $"versions {string.Join(" and ", duplicate.Select(q => q.Version))} both start in cycle {duplicate.Key}"));
        }

        return problems.Count > 0
            ? new LoadResult<QuestionnaireCatalog>(null, problems)
            : new LoadResult<QuestionnaireCatalog>(new QuestionnaireCatalog(models.Values.ToList(), questionnaires), []);
    }

    /// <summary>Validates one file: the model, or a questionnaire together with the model and the versions it maps from.</summary>
    public static IReadOnlyList<LoadProblem> ValidateFile(string path)
    {
        if (!File.Exists(path))
        {
            return [new LoadProblem(path, 0, 0, "", "file not found")];
        }

        var kind = ReadKind(path);
        if (kind == ModelLoader.Kind)
        {
            return ModelLoader.LoadFile(path).Problems;
        }

        if (kind is not null && kind != QuestionnaireLoader.Kind)
        {
            return [new LoadProblem(path, 1, 1, "/kind", $"unknown kind '{kind}'; expected '{ModelLoader.Kind}' or '{QuestionnaireLoader.Kind}'")];
        }

        if (kind is null)
        {
            // Syntax error, or no kind at all: let the loader say which, with its location.
            var problems = ModelLoader.LoadFile(path).Problems.Where(p => p.Path is "/kind" or "" || p.Message.StartsWith("YAML", StringComparison.Ordinal)).ToList();
            return problems.Count > 0 ? problems : [new LoadProblem(path, 1, 1, "/kind", $"missing 'kind'; expected '{ModelLoader.Kind}' or '{QuestionnaireLoader.Kind}'")];
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var files = DataFiles(directory);
        var modelFiles = files.Where(f => f.Kind == ModelLoader.Kind).ToList();
        if (modelFiles.Count == 0)
        {
            return [new LoadProblem(path, 0, 0, "", $"no maturity model (kind: {ModelLoader.Kind}) beside this file in {directory} to check it against")];
        }

        var (models, modelProblems) = LoadModels(modelFiles);
        if (modelProblems.Count > 0)
        {
            return [new LoadProblem(path, 0, 0, "", "a maturity model beside this file has problems; validate it first"), .. modelProblems];
        }

        var others = files.Where(f => f.Kind == QuestionnaireLoader.Kind && !SamePath(f.Path, path)).ToList();
        var loader = new VersionLoader(models, others);
        return QuestionnaireLoader.Load(path, File.ReadAllText(path), models, loader.Find).Problems;
    }

    /// <summary>Every model file, keyed by model id; two files with one id are refused (a questionnaire would not know which it means).</summary>
    private static (Dictionary<string, MaturityModel> Models, List<LoadProblem> Problems) LoadModels(IReadOnlyList<DataFile> modelFiles)
    {
        var models = new Dictionary<string, MaturityModel>(StringComparer.Ordinal);
        var problems = new List<LoadProblem>();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in modelFiles)
        {
            var result = ModelLoader.LoadFile(file.Path);
            problems.AddRange(result.Problems);
            if (result.Value is not { } model)
            {
                continue;
            }

            if (paths.TryGetValue(model.Id, out var other))
            {
                problems.Add(new LoadProblem(file.Path, 0, 0, "/id", $"model id '{model.Id}' is also the id of {other}; give each model version its own id"));
                continue;
            }

            paths[model.Id] = file.Path;
            models[model.Id] = model;
        }

        return (models, problems);
    }

    private static bool SamePath(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private sealed record DataFile(string Path, string? Kind, string? Version);

    private static List<DataFile> DataFiles(string directory)
    {

        return Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => new DataFile(f, ReadKind(f), ReadTopLevel(f, "version")))
            .ToList();
    }

    private static string? ReadKind(string path) => ReadTopLevel(path, "kind");

    private static string? ReadTopLevel(string path, string key)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            return stream.Documents.FirstOrDefault()?.RootNode is YamlMappingNode root
                   && root.Children.TryGetValue(new YamlScalarNode(key), out var value)
                   && value is YamlScalarNode scalar
                ? scalar.Value
                : null;
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidOperationException)
        {
            // The loader reports the syntax error with its location.
            return null;
        }
    }

    /// <summary>Loads questionnaire versions on demand, so a mapping can refer to the version before it.</summary>
    private sealed class VersionLoader(IReadOnlyDictionary<string, MaturityModel> models, IReadOnlyList<DataFile> files)
    {
        private readonly Dictionary<string, Questionnaire?> _loaded = new(StringComparer.Ordinal);
        private readonly HashSet<string> _loading = new(StringComparer.Ordinal);
        private readonly List<LoadProblem> _problems = [];

        public List<LoadProblem> Problems => _problems;

        public List<Questionnaire> LoadAll()
        {
            foreach (var file in files)
            {
                Load(file);
            }

            return _loaded.Values.OfType<Questionnaire>().ToList();
        }

        public Questionnaire? Find(string version)
        {
            var file = files.FirstOrDefault(f => f.Version == version);
            return file is null ? null : Load(file);
        }

        private Questionnaire? Load(DataFile file)
        {
            if (_loaded.TryGetValue(file.Path, out var done))
            {
                return done;
            }

            if (!_loading.Add(file.Path))
            {
                _problems.Add(new LoadProblem(file.Path, 0, 0, "/mapping/from", "the questionnaire versions map from each other in a circle"));
                return null;
            }

            var result = QuestionnaireLoader.Load(file.Path, File.ReadAllText(file.Path), models, Find);
            _problems.AddRange(result.Problems);
            _loaded[file.Path] = result.Value;
            return result.Value;
        }
    }
}
