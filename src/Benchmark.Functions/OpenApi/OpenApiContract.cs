using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using static Benchmark.Functions.Endpoints.BenchmarkEndpoints;
using static Benchmark.Functions.Endpoints.CycleEndpoints;
using static Benchmark.Functions.Endpoints.ReportEndpoints;
using static Benchmark.Functions.Endpoints.ReviewEndpoints;

namespace Benchmark.Functions.OpenApi;

/// <summary>
/// What the generated OpenAPI document cannot see by itself, so that a client can be generated from it: the bearer key,
/// the roles each operation needs, If-Match and ETag, every problem response and the bodies of the submission
/// operations (which read their JSON themselves). Derived from the endpoints' metadata and routes where possible, so
/// a new endpoint is described without being listed here.
/// </summary>
public static class OpenApiContract
{
    public const string SecuritySchemeName = "bearerKey";

    private const string ProblemSchemaName = "ProblemDetails";
    private const string ProblemContentType = "application/problem+json";

    /// <summary>Operations that compare If-Match with the submission's version and answer with its new ETag.</summary>
    private static readonly HashSet<string> VersionedWrites = ["SaveDraft", "SubmitSubmission", "ApproveSubmission", "RejectSubmission", "ReopenSubmission"];

    /// <summary>Operations that answer with the ETag of what they return.</summary>
    private static readonly HashSet<string> TaggedReads = ["GetSubmission", "GetCouncilReport", "GetNationalReport"];

    /// <summary>
    /// The bodies the endpoints read themselves (RequestBody.ReadJsonAsync, for the API's own 400, 413 and 415 problems),
    /// and whether one must be sent. Described here rather than with Accepts metadata, which routing would enforce
    /// before the endpoint's own checks.
    /// </summary>
    private static readonly Dictionary<string, (Type Type, bool Required)> RequestBodies = new(StringComparer.Ordinal)
    {
        ["OpenCycle"] = (typeof(OpenCycleRequest), true),
        ["ApproveSubmission"] = (typeof(ReviewRequest), false),
        ["RejectSubmission"] = (typeof(ReviewRequest), false),
        ["ReopenSubmission"] = (typeof(ReviewRequest), false),
        ["DismissFlag"] = (typeof(DismissRequest), true),
        ["CuratePracticeNote"] = (typeof(CurateRequest), true),
        ["PutPeerGroup"] = (typeof(GroupRequest), true),
        ["GenerateReports"] = (typeof(GenerateRequest), false),
    };

    /// <summary>Request bodies as a client would send them, where one line says more than the schema.</summary>
    private static readonly Dictionary<string, string> RequestExamples = new(StringComparer.Ordinal)
    {
        ["OpenCycle"] = """{"deadline": "2026-12-31T22:59:00Z"}""",
        ["RejectSubmission"] = """{"comment": "Vraag B2: licht het antwoord toe."}""",
        ["DismissFlag"] = """{"comment": "Gecontroleerd met de gemeente: klopt."}""",
        ["CuratePracticeNote"] = """{"status": "approved"}""",
        ["PutPeerGroup"] = """{"label": "Regio Noord", "members": ["GM0014", "GM0034", "GM0080"]}""",
        ["GenerateReports"] = """{"languages": ["nl", "en"]}""",
    };

    private static readonly Dictionary<int, string> ProblemDescriptions = new()
    {
        [400] = "The request is invalid: a malformed or incomplete body, a wrong filter or If-Match; `errors` points at what is wrong",
        [401] = "No API key, or an unknown or revoked one",
        [403] = "This key's role or municipality may not do this",
        [404] = "The cycle, municipality, version or other resource does not exist",
        [409] = "Refused in the current state, e.g. the cycle is closed or the submission is not in a state that allows this; see `code`",
        [412] = "If-Match names an older version: read the submission again and apply your change to it",
        [413] = "The request body is too large",
        [415] = "The body is not sent as application/json",
        [428] = "If-Match is missing: send the ETag of the version the change is based on",
        [429] = "Too many requests with this key (or too many failed authentications); try again after Retry-After seconds",
        [503] = "The data store did not answer; read again before retrying a change",
    };

    public static void Configure(OpenApiOptions options)
    {
        options.AddOperationTransformer(DescribeOperation);
        options.AddDocumentTransformer(DescribeDocument);
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Benchmark e-overheid API";
        document.Info.Version = "v1";
        document.Info.Description =
            "Self-assessments of municipalities' e-government maturity. Every operation of the API is under the versioned base path /api/v1; " +
            "only the health check and this document are outside it and anonymous. Authenticate with 'Authorization: Bearer <key>'; " +
            "each operation names the roles that may call it (x-roles). Errors are RFC 9457 problem details (application/problem+json), " +
            "with a stable `code` for the rule that refused a request. Changes to a submission are guarded by If-Match with the ETag last read.";

        // The server is the address the document was read from; the linter (and RFC 3986 joining) want it without a
        // trailing slash, as the paths begin with one.
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key issued with `benchmark keys create`, sent as 'Authorization: Bearer <key>'. Its role (municipality, council or analyst) decides what it may do.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [] }];

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchemaName] = ProblemSchema();

        // Every tag described, so a generated client's groups and the reference pages explain themselves.
        var tags = new Dictionary<string, string>
        {
            ["Cycles"] = "Yearly benchmark cycles: open, deadline, close, questionnaire",
            ["Submissions"] = "A municipality's own self-assessment: answers, drafts, submitting, history and scores",
            ["Review"] = "Analysts review submissions and read the audit logs",
            ["Benchmark"] = "Comparisons between municipalities, peer groups, flags and practice notes",
            ["Reports"] = "Council and national reports (PDF and HTML)",
        };
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var tag in document.Tags)
        {
            if (tag.Name is { } name)
            {
                tag.Description ??= tags.GetValueOrDefault(name, "Service endpoints outside the versioned API: health check and this document");
            }
        }

        return Task.CompletedTask;
    }

    private static async Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod?.ToUpperInvariant() ?? "GET";
        var id = operation.OperationId ?? "";
        var write = method is "POST" or "PUT" or "PATCH" or "DELETE";

        // A partial change of a municipality's answers (PATCH on its submission) is versioned like saving a draft.
        var patchesSubmission = method == "PATCH" && description.RelativePath?.Contains("/submissions/{municipality", StringComparison.Ordinal) == true;
        var versioned = VersionedWrites.Contains(id) || patchesSubmission;
        var statuses = new SortedSet<int>();

        var roles = Roles(metadata);
        if (roles is null)
        {
            // Anonymous: an explicit empty requirement lifts the document's bearer key for this operation.
            operation.Security = [];
        }
        else
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-roles"] = new JsonNodeExtension(new JsonArray([.. roles.Select(r => JsonValue.Create(r))]));
            operation.Description = Sentence(operation.Description, $"Roles: {string.Join(", ", roles)}.");
            statuses.UnionWith([401, 403, 429, 503]);
        }

        // A cycle, municipality, version, area or other resource named in the path may not exist.
        if (description.RelativePath?.Contains('{', StringComparison.Ordinal) == true)
        {
            statuses.Add(404);
        }

        if (description.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Query))
        {
            statuses.Add(400);
        }

        if (write)
        {
            statuses.UnionWith([400, 409]);
        }

        await DescribeRequestBodyAsync(operation, context, id, cancellationToken);
        DescribeSubmissionBody(operation, id, patchesSubmission);
        if (RequestExamples.TryGetValue(id, out var example) && operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true)
        {
            json.Example ??= JsonNode.Parse(example);
        }

        if (operation.RequestBody is not null)
        {
            statuses.UnionWith([400, 413, 415]);
        }

        if (versioned)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "The ETag of the version this change was based on, as read (e.g. \"v3\"); a change to an older version is refused with 412. Leave it out only for the very first save.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create("\"v3\""),
            });
            statuses.Add(412);
            if (patchesSubmission || id is "SaveDraft" or "SubmitSubmission")
            {
                // A change to an existing submission without If-Match could silently undo another's change: it is refused (428).
                statuses.Add(428);
            }
        }

        operation.Responses ??= [];
        if (versioned || TaggedReads.Contains(id))
        {
            foreach (var (status, response) in operation.Responses.Where(r => r.Key.StartsWith('2')))
            {
                if (response is OpenApiResponse concrete)
                {
                    concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    concrete.Headers["ETag"] = new OpenApiHeader
                    {
                        Description = "The version of what is returned; send it back as If-Match with the next change",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                }
            }
        }

        foreach (var status in statuses)
        {
            AddProblem(operation.Responses, status, context.Document);
        }

        // Problems the endpoints declared themselves (ProducesProblem) follow the same schema and media type.
        foreach (var (status, response) in operation.Responses.Where(r => r.Key[0] is '4' or '5').ToList())
        {
            if (response is OpenApiResponse concrete && (concrete.Content is null || !concrete.Content.ContainsKey(ProblemContentType)))
            {
                operation.Responses[status] = Problem(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), context.Document);
            }
        }

    }

    /// <summary>The roles that may call an endpoint, lower case; null for an anonymous one.</summary>
    private static List<string>? Roles(IList<object> metadata)
    {
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.Any(m => m is IAuthorizeData or AuthorizationPolicy))
        {
            return null;
        }

        // Every policy must pass, so the roles are those all of them allow.
        IEnumerable<string> allowed = Enum.GetNames<Core.Workflow.Role>();
        foreach (var requirement in metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements).OfType<RolesAuthorizationRequirement>())
        {
            allowed = allowed.Intersect(requirement.AllowedRoles, StringComparer.Ordinal);
        }

        return [.. allowed.Select(r => r.ToLowerInvariant())];
    }

    private static async Task DescribeRequestBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, string id, CancellationToken cancellationToken)
    {
        if (operation.RequestBody is not null || !RequestBodies.TryGetValue(id, out var body) || context.Document is not { } document)
        {
            return;
        }

        // A component per request type, so a generated client has one named type for it.
        var name = body.Type.Name;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(name))
        {
            document.AddComponent<IOpenApiSchema>(name, await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken));
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = body.Required,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(name, document) },
            },
        };
    }

    /// <summary>
    /// The submission endpoints read their body as answers to the cycle's questionnaire, which no CLR type describes:
    /// an object in the format GET returns as `submission`.
    /// </summary>
    private static void DescribeSubmissionBody(OpenApiOperation operation, string id, bool patchesSubmission)
    {
        if (operation.RequestBody is not null || !(patchesSubmission || id is "SaveDraft" or "SubmitSubmission"))
        {
            return;
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = id != "SubmitSubmission",
            Description = id switch
            {
                "SaveDraft" => "The answers, in the format GET returns as `submission`.",
                "SubmitSubmission" => "The answers to submit, in the format GET returns as `submission`; without a body the saved draft is submitted.",
                _ => "A JSON Merge Patch (RFC 7396) of the `submission` GET returns: the answers it names change, `null` removes one, every other answer stays.",
            },
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [patchesSubmission ? "application/merge-patch+json" : "application/json"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Description = "Answers to the cycle's questionnaire (see GET /api/v1/cycles/{year}/questionnaire), as the `submission` of GetSubmission",
                    },
                },
            },
        };
    }

    private static void AddProblem(OpenApiResponses responses, int status, OpenApiDocument? document)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!responses.ContainsKey(key))
        {
            responses[key] = Problem(status, document);
        }
    }

    private static OpenApiResponse Problem(int status, OpenApiDocument? document)
    {
        var response = new OpenApiResponse
        {
            Description = ProblemDescriptions.GetValueOrDefault(status, "A problem"),
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchemaName, document) },
            },
        };
        if (status == 429)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before trying again", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        }

        return response;
    }

    /// <summary>RFC 9457 problem details as <see cref="Http.Problems"/> writes them, with the API's own extensions.</summary>
    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI for the kind of problem" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the problem" },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong with this request, and what to do" },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request the problem occurred in" },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The stable code of the rule that refused the request, e.g. \"cycle.closed\"" },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "What exactly is wrong in the request body",
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["pointer"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A JSON pointer into the body" },
                        ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
            },
        },
    };

    private static string Sentence(string? text, string sentence) => string.IsNullOrEmpty(text) ? sentence : $"{text} {sentence}";
}
