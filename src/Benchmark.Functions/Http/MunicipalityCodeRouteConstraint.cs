using Benchmark.Core.Register;

namespace Benchmark.Functions.Http;

/// <summary>{municipality:gmcode} matches 'GM' and four digits only; anything else (e.g. '..%2F') is simply not found.</summary>
public sealed class MunicipalityCodeRouteConstraint : IRouteConstraint
{
    public const string Name = "gmcode";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string code && MunicipalityCode.IsValid(code);
}
