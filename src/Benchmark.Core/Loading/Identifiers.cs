using System.Text.RegularExpressions;

namespace Benchmark.Core.Loading;

internal static partial class Identifiers
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex QuestionIdPattern();

    public static bool IsId(string value) => IdPattern().IsMatch(value);

    public static bool IsQuestionId(string value) => QuestionIdPattern().IsMatch(value);

    public const string IdRule = "lowercase letters and digits in words joined by hyphens, e.g. 'digid-machtigen'";
}
