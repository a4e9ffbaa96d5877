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
    private const string ProblemErrorSchemaName = "ProblemError";
    private const string ProblemContentType = "application/problem+json";
    private const string MergePatchContentType = "application/merge-patch+json";
    private const string SubmissionSchemaName = "SubmissionAnswers";
    private const string AnswerSchemaName = "Answer";
    private const string PracticeNoteSchemaName = "PracticeNote";
    private const string PatchSchemaName = "SubmissionPatch";

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

    /// <summary>Successful responses as the API sends them, for the operations a municipality's client uses most.</summary>
    private static readonly Dictionary<string, string> ResponseExamples = new(StringComparer.Ordinal)
    {
        ["GetQuestionnaire"] = OpenApiExamples.Questionnaire,
        ["GetSubmission"] = OpenApiExamples.SubmissionResponse,
        ["SaveDraft"] = OpenApiExamples.SubmissionResponse,
        ["PatchDraft"] = OpenApiExamples.SubmissionResponse,
        ["SubmitSubmission"] = OpenApiExamples.SubmissionResponse.Replace("\"status\": \"draft\"", "\"status\": \"submitted\"", StringComparison.Ordinal).Replace("\"draftSaved\"", "\"submitted\"", StringComparison.Ordinal),
        ["GetVersion"] = OpenApiExamples.SubmissionResponse,
        ["GetScores"] = OpenApiExamples.Scores,
        ["GetPosition"] = OpenApiExamples.Position,
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
            "a closed cycle's open data needs no key (security lists an empty requirement beside the key); " +
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
        document.Components.Schemas[ProblemSchemaName] = ProblemSchema(document);
        document.Components.Schemas[ProblemErrorSchemaName] = ProblemErrorSchema();

        // A submission's answers are a JsonElement in SubmissionResponse, which says nothing by itself: they are the submission format.
        if (document.Components.Schemas.TryGetValue(nameof(Endpoints.SubmissionResponse), out var response) && response is OpenApiSchema { Properties: { } properties })
        {
            AddSubmissionSchemas(document);
            properties["submission"] = new OpenApiSchemaReference(SubmissionSchemaName, document);

            // SubmissionResponse was its only JsonElement.
            document.Components.Schemas.Remove(nameof(System.Text.Json.JsonElement));
        }

        // Enums travel as their names (JsonStringEnumConverter) but are described by their values alone: say they are
        // strings, so a generated client reads "draft" into its enum rather than expecting a number.
        foreach (var schema in document.Components.Schemas.Values.OfType<OpenApiSchema>())
        {
            if (schema is { Type: null, Enum.Count: > 0 } && schema.Enum.All(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String))
            {
                schema.Type = JsonSchemaType.String;
            }
        }

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
            // Anonymous: an explicit empty requirement lifts the document's bearer key for this operation. Where a key
            // still changes the answer (the open data: analysts get an open cycle's too), the key is optional: no
            // requirement, or the bearer key.
            operation.Security = metadata.OfType<OptionalBearerKey>().Any() && context.Document is { } document
                ? [new OpenApiSecurityRequirement(), new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [] }]
                : [];
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
        DescribeSubmissionBody(operation, id, patchesSubmission, context.Document);
        if (RequestExamples.TryGetValue(id, out var example) && operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true)
        {
            json.Example ??= JsonNode.Parse(example);
        }

        DescribeSuccessBodies(operation, id);

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

        // The problems a client of the submission meets on its way: a stale or missing If-Match, and an incomplete submit.
        if (versioned)
        {
            ProblemExample(operation.Responses, 412, OpenApiExamples.Stale);
            ProblemExample(operation.Responses, 428, OpenApiExamples.VersionRequired);
        }

        if (id == "SubmitSubmission")
        {
            ProblemExample(operation.Responses, 400, OpenApiExamples.Incomplete);
        }
    }

    private static void ProblemExample(OpenApiResponses responses, int status, string example)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses.TryGetValue(key, out var response) && response.Content?.TryGetValue(ProblemContentType, out var content) == true)
        {
            // Problem() makes a response per operation, so the example belongs to this operation alone.
            content.Example ??= OpenApiExamples.Parse(example);
        }
    }

    /// <summary>
    /// The examples of successful JSON bodies, and binary downloads (reports, exports) described as bytes on the wire
    /// (format binary) rather than as base64 text (format byte), so a generated client hands back a stream.
    /// </summary>
    private static void DescribeSuccessBodies(OpenApiOperation operation, string id)
    {
        foreach (var (status, response) in operation.Responses?.Where(r => r.Key.StartsWith('2')) ?? [])
        {
            if (response.Content is null)
            {
                continue;
            }

            foreach (var (mediaType, content) in response.Content)
            {
                if (!mediaType.Contains("json", StringComparison.Ordinal))
                {
                    if (content.Schema is OpenApiSchema { Format: "byte" })
                    {
                        content.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                    }
                }
                else if (status == "200" && ResponseExamples.TryGetValue(id, out var example))
                {
                    content.Example ??= OpenApiExamples.Parse(example);
                }
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
    /// The submission endpoints read their body as answers to the cycle's questionnaire, in the format GET returns as
    /// `submission` (<see cref="Core.Submissions.SubmissionJson"/>); PATCH reads a JSON Merge Patch of it.
    /// </summary>
    private static void DescribeSubmissionBody(OpenApiOperation operation, string id, bool patchesSubmission, OpenApiDocument? document)
    {
        if (operation.RequestBody is not null || !(patchesSubmission || id is "SaveDraft" or "SubmitSubmission") || document is null)
        {
            return;
        }

        AddSubmissionSchemas(document);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = id != "SubmitSubmission",
            Description = id switch
            {
                "SaveDraft" => "The answers, in the format GET returns as `submission`.",
                "SubmitSubmission" => "The answers to submit, in the format GET returns as `submission`; without a body (or with `null`) the saved draft is submitted.",
                _ => "A JSON Merge Patch (RFC 7396) of the `submission` GET returns: the answers it names change, `null` removes one, every other answer stays.",
            },
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [patchesSubmission ? MergePatchContentType : "application/json"] = new()
                {
                    Schema = new OpenApiSchemaReference(patchesSubmission ? PatchSchemaName : SubmissionSchemaName, document),
                    Example = OpenApiExamples.Parse(patchesSubmission ? OpenApiExamples.Patch : OpenApiExamples.Submission),
                },
            },
        };
    }

    /// <summary>The submission format as components: the answers, one answer, a practice note, and the merge patch of the answers.</summary>
    private static void AddSubmissionSchemas(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var schemas = document.Components.Schemas;
        if (schemas.ContainsKey(SubmissionSchemaName))
        {
            return;
        }

        static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String | JsonSchemaType.Null, MaxLength = Core.Submissions.SubmissionJson.MaxTextLength, Description = description };

        schemas[PracticeNoteSchemaName] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "How the municipality does this well, for others to learn from; shown only once an analyst approved it",
            Required = new HashSet<string> { "text" },
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["text"] = Text("What the municipality does"),
                ["contactRole"] = Text("Whom to ask, by role (never a name)"),
            },
        };
        schemas[AnswerSchemaName] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The answer to one question: a value, or notApplicable with a reason (where the question allows it); both may be left out in a draft",
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["value"] = new OpenApiSchema { Description = "As the question's type says: a level (1 to 5) or a number, true or false, an option id or a list of option ids" },
                ["notApplicable"] = new OpenApiSchema { Type = JsonSchemaType.Boolean | JsonSchemaType.Null, Description = "The question does not apply to this municipality (only where notApplicableAllowed)" },
                ["reason"] = Text("Why the question does not apply; required with notApplicable"),
                ["explanation"] = Text("The municipality's explanation; required on submit where explanationRequired"),
                ["evidence"] = Text("A link or document reference backing the level; only on a block's level question, required from the question's evidenceFromLevel"),
                ["practiceNote"] = new OpenApiSchemaReference(PracticeNoteSchemaName, document),
            },
        };
        schemas[SubmissionSchemaName] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A municipality's answers to the cycle's questionnaire (see GetQuestionnaire); unknown properties, questions and blocks are refused with their JSON pointers",
            Required = new HashSet<string> { "municipality", "cycle", "questionnaire" },
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["municipality"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^GM[0-9]{4}$", Description = "The municipality's code, the one in the path" },
                ["cycle"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The cycle's year, the one in the path" },
                ["questionnaire"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The questionnaire version answered, the cycle's (GetCycle)" },
                ["consentToBeNamed"] = new OpenApiSchema { Type = JsonSchemaType.Boolean | JsonSchemaType.Null, Description = "Whether other municipalities may see this one named as an example to learn from" },
                ["answers"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "An answer per question id",
                    AdditionalProperties = new OpenApiSchemaReference(AnswerSchemaName, document),
                },
                ["targets"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "The level the municipality aims for, per building block id",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "5" },
                },
            },
        };
        schemas[PatchSchemaName] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A JSON Merge Patch (RFC 7396) of the answers: every member is optional, what it leaves out stays, null removes (an answer, a target, or a member of an answer)",
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["consentToBeNamed"] = new OpenApiSchema { Type = JsonSchemaType.Boolean | JsonSchemaType.Null },
                ["answers"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object | JsonSchemaType.Null,
                    Description = "The answers that change, by question id; within an answer too only the members named change",
                    AdditionalProperties = new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, new OpenApiSchemaReference(AnswerSchemaName, document)] },
                },
                ["targets"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object | JsonSchemaType.Null,
                    Description = "The targets that change, by building block id",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32", Minimum = "1", Maximum = "5" },
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
    private static OpenApiSchema ProblemSchema(OpenApiDocument document) => new()
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
                Description = "What exactly is wrong in the request body, or every item missing from a submission (code submission.incomplete)",
                Items = new OpenApiSchemaReference(ProblemErrorSchemaName, document),
            },
        },
    };

    /// <summary>One thing wrong in a request body, or missing from a submission, by its JSON pointer.</summary>
    private static OpenApiSchema ProblemErrorSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "One thing wrong in the request body or missing from the submission",
        Required = new HashSet<string> { "pointer", "detail" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["pointer"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A JSON pointer (RFC 6901) into the body, e.g. \"/answers/digid.niveau\"" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What is wrong there, or what to add" },
        },
    };

    private static string Sentence(string? text, string sentence) => string.IsNullOrEmpty(text) ? sentence : $"{text} {sentence}";
}

/// <summary>
/// Endpoint metadata: the operation is open to anyone, yet a key changes what it answers, so the document describes the
/// bearer key as optional rather than absent.
/// </summary>
public sealed record OptionalBearerKey;
