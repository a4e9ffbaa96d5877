namespace Benchmark.Functions.Http;

/// <summary>
/// {documentName:openapi} matches the one OpenAPI document the app has. Without it, the OpenAPI endpoint answers any
/// other name itself with a plain-text 404, where the API promises a problem document.
/// </summary>
public sealed class OpenApiDocumentRouteConstraint : IRouteConstraint
{
    public const string Name = "openapi";
    public const string DocumentName = "v1";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string name && string.Equals(name, DocumentName, StringComparison.OrdinalIgnoreCase);
}
