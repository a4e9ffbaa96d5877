namespace Benchmark.Core.Loading;

/// <summary>One problem found while loading a data file, with where it is.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">1-based line; 0 when the problem is about the file as a whole.</param>
/// <param name="Path">A JSON pointer to the offending value, e.g. <c>/blocks/3/levels/2</c>.</param>
public sealed record LoadProblem(string File, int Line, int Column, string Path, string Message)
{
    public override string ToString()
    {
        var location = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var path = string.IsNullOrEmpty(Path) ? "/" : Path;
        return $"{location}: {path}: {Message}";
    }
}

/// <summary>Thrown when a data file cannot be used; carries every problem found, not just the first.</summary>
public sealed class LoadException(IReadOnlyList<LoadProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems.Select(p => p.ToString())))
{
    public IReadOnlyList<LoadProblem> Problems { get; } = problems;
}

public sealed record LoadResult<T>(T? Value, IReadOnlyList<LoadProblem> Problems)
    where T : class
{
    public bool Succeeded => Value is not null && Problems.Count == 0;

    public T GetValueOrThrow() => Succeeded ? Value! : throw new LoadException(Problems);
}
