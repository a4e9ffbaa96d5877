using System.Text.Json.Nodes;

namespace Benchmark.Functions.OpenApi;

/// <summary>
/// Examples of the main bodies as the API sends and takes them, shortened (one domain, one block, one question) but
/// true to the schemas: Redocly's linter checks every example against its schema (no-invalid-media-type-examples).
/// </summary>
internal static class OpenApiExamples
{
    /// <summary>Answers in the format PUT …/draft and POST …/submit take and GET returns as `submission`.</summary>
    public const string Submission = """
        {
          "municipality": "GM0363",
          "cycle": 2026,
          "questionnaire": "2026",
          "consentToBeNamed": true,
          "answers": {
            "digid.niveau": { "value": 3, "explanation": "DigiD met sms-controle op alle e-formulieren.", "evidence": "https://www.example.nl/ict-assessment-2026.pdf" },
            "digid.assessment": { "value": true },
            "dienstenrichtlijn.niveau": { "notApplicable": true, "reason": "Het loket voor de Dienstenrichtlijn loopt via de KvK." }
          },
          "targets": { "digid": 4 }
        }
        """;

    /// <summary>A JSON Merge Patch of the answers: only what it names changes, null removes.</summary>
    public const string Patch = """
        {
          "answers": {
            "digid.niveau": { "value": 4, "explanation": "Sinds oktober ook DigiD Substantieel voor de vergunningen." },
            "digid.assessment": null
          },
          "targets": { "digid": 5 }
        }
        """;

    /// <summary>A submission as GET, PUT, PATCH and submit return it (with the ETag "v3" in the header).</summary>
    public static readonly string SubmissionResponse = $$"""
        {
          "municipality": "GM0363",
          "cycle": 2026,
          "version": 3,
          "status": "draft",
          "lastAction": "draftSaved",
          "changedAt": "2026-10-01T12:00:00+00:00",
          "changedBy": "GM0363 informatiemanager",
          "comment": null,
          "reopened": false,
          "submission": {{Submission}}
        }
        """;

    public const string Questionnaire = """
        {
          "version": "2026",
          "firstCycle": 2026,
          "title": { "nl": "Zelfevaluatie digitale volwassenheid gemeenten 2026", "en": "Self-assessment of municipal digital maturity 2026" },
          "introduction": { "nl": "Met deze zelfevaluatie bepaalt uw gemeente per bouwsteen haar volwassenheidsniveau.", "en": "With this self-assessment your municipality determines its maturity level for each building block." },
          "domains": [
            {
              "id": "dienstverlening-burgers",
              "name": { "nl": "Dienstverlening aan inwoners", "en": "Services to residents" },
              "description": { "nl": "Hoe inwoners de gemeente digitaal bereiken.", "en": "How residents reach the municipality digitally." },
              "blocks": [
                {
                  "id": "digid",
                  "name": { "nl": "DigiD", "en": "DigiD" },
                  "description": { "nl": "Inloggen met DigiD op de digitale diensten.", "en": "Logging in with DigiD to the digital services." },
                  "facility": { "name": "DigiD", "operator": "Logius" },
                  "sources": [ { "title": "DigiD-aansluitvoorwaarden", "url": "https://www.logius.nl/domeinen/toegang/digid", "kind": "standard" } ],
                  "prerequisites": [],
                  "levels": [
                    { "nl": "Niet aangesloten.", "en": "Not connected." },
                    { "nl": "Aangesloten voor enkele diensten.", "en": "Connected for some services." },
                    { "nl": "Alle diensten met DigiD; assessment op tijd.", "en": "All services with DigiD; assessment on time." },
                    { "nl": "Betrouwbaarheidsniveau passend per dienst.", "en": "Assurance level fitting each service." },
                    { "nl": "Voorbeeld voor andere gemeenten.", "en": "An example to other municipalities." }
                  ],
                  "questions": [
                    {
                      "id": "digid.niveau",
                      "type": "level",
                      "text": { "nl": "Welk niveau past het best bij DigiD in uw gemeente?", "en": "Which level best describes DigiD in your municipality?" },
                      "help": null,
                      "required": true,
                      "explanationRequired": true,
                      "notApplicableAllowed": false,
                      "weight": 1,
                      "requiredForLevel": null,
                      "options": [],
                      "min": null,
                      "max": null,
                      "integerOnly": false,
                      "unit": null,
                      "evidenceFromLevel": 4
                    }
                  ]
                }
              ]
            }
          ]
        }
        """;

    /// <summary>Submitting a draft with required answers or evidence missing: 400, every missing item by its JSON pointer.</summary>
    public const string Incomplete = """
        {
          "type": "https://httpstatuses.io/400",
          "title": "The submission is not complete",
          "status": 400,
          "detail": "2 items are missing; nothing was submitted.",
          "code": "submission.incomplete",
          "errors": [
            { "pointer": "/answers/digitoegankelijkheid.niveau", "detail": "required: give an answer, or mark the question not applicable with a reason" },
            { "pointer": "/answers/digid.niveau/evidence", "detail": "level 4 asks for evidence (a link or document reference) from level 4" }
          ]
        }
        """;

    public const string Stale = """
        {
          "type": "https://httpstatuses.io/412",
          "title": "Precondition failed",
          "status": 412,
          "detail": "The submission changed since you read it: you have version 3, the current one is 4. Read it again; your changes were not saved.",
          "code": "submission.stale"
        }
        """;

    public const string VersionRequired = """
        {
          "type": "https://httpstatuses.io/428",
          "title": "Precondition required",
          "status": 428,
          "detail": "A submission exists (version 3); send If-Match with the ETag you read, so no colleague's work is overwritten.",
          "code": "submission.version-required"
        }
        """;

    public const string Scores = """
        {
          "municipality": "GM0363",
          "cycle": 2026,
          "questionnaireVersion": "2026",
          "index": 61.5,
          "overallScore": 3.46,
          "completeness": 100,
          "requiredQuestions": 48,
          "completedQuestions": 48,
          "isComplete": true,
          "domains": [
            { "domainId": "dienstverlening-burgers", "status": "scored", "score": 3.75, "weight": 1, "blocksScored": 6, "blocksNotApplicable": 1, "blocksUnanswered": 0 }
          ],
          "blocks": [
            {
              "blockId": "digid",
              "domainId": "dienstverlening-burgers",
              "status": "scored",
              "score": 4.5,
              "claimedLevel": 4,
              "stagedLevel": 4,
              "caps": [],
              "completeness": 100,
              "target": 5,
              "gapToTarget": 0.5,
              "percentToTarget": 90,
              "questions": [
                { "questionId": "digid.niveau", "status": "answered", "score": 0.75, "weight": 1, "counted": false },
                { "questionId": "digid.assessment", "status": "answered", "score": 1, "weight": 1, "counted": true }
              ]
            }
          ]
        }
        """;

    public const string Position = """
        {
          "position": {
            "municipality": "GM0363",
            "groups": ["all", "size-8"],
            "positions": [ { "measure": "index", "value": 61.5, "percentileRanks": { "all": 72, "size-8": 40 } } ]
          },
          "groups": [
            {
              "id": "size-8",
              "label": "Grootteklasse 8 (100.000 inwoners of meer)",
              "kind": "sizeClass",
              "measures": {
                "index": { "n": 32, "mean": 60.2, "median": 63, "p10": 48.1, "p25": 55.4, "p75": 68.9, "p90": 73.5, "withheldReason": null }
              }
            }
          ],
          "trends": {
            "index": [
              { "cycle": 2025, "score": 57.3, "source": "measured" },
              { "cycle": 2026, "score": 61.5, "source": "measured" }
            ],
            "blocks": {}
          }
        }
        """;

    public static JsonNode Parse(string json) => JsonNode.Parse(json)!;
}
