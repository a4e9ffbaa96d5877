using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Benchmark.Testing;

namespace Benchmark.Deployment.Tests;

/// <summary>
/// infra/ cannot be deployed from here (no Azure), so these tests hold it to what the compiler, the
/// linter (with the rules infra/bicepconfig.json turns on) and the compiled ARM template can show.
/// </summary>
public sealed class BicepTests : IDisposable
{
    private static readonly string MainBicep = Path.Combine(RepositoryRoot.Path, "infra", "main.bicep");

    // ARM expressions as they are written, e.g. concat('a', 'b') rather than concat(\u0027a\u0027, ...).
    private static readonly JsonSerializerOptions AsWritten = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Compiled output goes here, never into the repository.
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("benchmark-bicep-");

    public void Dispose() => _output.Delete(recursive: true);

    [Fact]
    public void TheInfrastructureBuildsWithoutWarnings()
    {
        var build = RunBicep("build", MainBicep, "--outdir", _output.FullName, "--diagnostics-format", "sarif");

        Assert.True(build.ExitCode == 0, $"bicep build failed with exit code {build.ExitCode}:\n{build.Output}");
        AssertNoWarningsOrErrors(build);
        Assert.True(File.Exists(CompiledTemplatePath), "bicep build wrote no main.json");
    }

    [Fact]
    public void TheInfrastructureLintsWithoutWarnings()
    {
        // The linter's exit code is 0 even with warnings, so the diagnostics themselves are checked.
        var lint = RunBicep("lint", MainBicep, "--diagnostics-format", "sarif");

        Assert.True(lint.ExitCode == 0, $"bicep lint failed with exit code {lint.ExitCode}:\n{lint.Output}");
        AssertNoWarningsOrErrors(lint);
    }

    [Fact]
    public void TheStorageAccountAcceptsOnlyEntraIdOverHttpsWithTls12AndNoPublicBlobs()
    {
        var account = Assert.Single(ResourcesOfType(CompileTemplate(), "Microsoft.Storage/storageAccounts"));
        var properties = account["properties"]!;

        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
    }

    [Fact]
    public void ApplicationInsightsAcceptsOnlyEntraIdAndSendsToLogAnalytics()
    {
        var template = CompileTemplate();
        var component = Assert.Single(ResourcesOfType(template, "Microsoft.Insights/components"));

        Assert.True(component["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
        Assert.NotNull(component["properties"]!["WorkspaceResourceId"]);
        Assert.Single(ResourcesOfType(template, "Microsoft.OperationalInsights/workspaces"));
    }

    [Fact]
    public void TheFunctionAppRunsTheDotnetIsolatedWorkerOnDotnet10OnFlexConsumptionAsItsUserAssignedIdentity()
    {
        var template = CompileTemplate();
        var plan = Assert.Single(ResourcesOfType(template, "Microsoft.Web/serverfarms"));
        var app = Assert.Single(ResourcesOfType(template, "Microsoft.Web/sites"));

        Assert.Equal("FC1", plan["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.GetValue<string>());
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>(), "the plan is not Linux (reserved: true)");

        Assert.Equal("functionapp,linux", app["kind"]!.GetValue<string>());
        Assert.Equal("UserAssigned", app["identity"]!["type"]!.GetValue<string>());
        Assert.True(app["properties"]!["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", app["properties"]!["siteConfig"]!["minTlsVersion"]!.GetValue<string>());

        var functionAppConfig = app["properties"]!["functionAppConfig"]!;
        // Flex Consumption sets FUNCTIONS_WORKER_RUNTIME from this (and refuses it as an app setting, tested below).
        Assert.Equal("dotnet-isolated", functionAppConfig["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", functionAppConfig["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", functionAppConfig["deployment"]!["storage"]!["authentication"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void TheFunctionAppHasTheSettingsTheAppReadsAndNoneThatFlexConsumptionRejectsOrThatHoldAKey()
    {
        var app = Assert.Single(ResourcesOfType(CompileTemplate(), "Microsoft.Web/sites"));
        var settings = app["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(setting => setting!["name"]!.GetValue<string>(), setting => setting!["value"]!.ToJsonString(AsWritten));

        string[] required =
        [
            "Storage__AccountName",
            "AZURE_CLIENT_ID",
            "AzureWebJobsStorage__accountName",
            "AzureWebJobsStorage__credential",
            "AzureWebJobsStorage__clientId",
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
            "Security__Secret",
            "Service__ContactEmail",
        ];
        Assert.Empty(required.Except(settings.Keys));

        // Flex Consumption takes these from functionAppConfig (or does without them) and refuses them as settings.
        string[] rejectedByFlexConsumption =
        [
            "FUNCTIONS_WORKER_RUNTIME",
            "FUNCTIONS_EXTENSION_VERSION",
            "WEBSITE_RUN_FROM_PACKAGE",
            "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
            "WEBSITE_CONTENTSHARE",
            "AzureWebJobsStorage",
        ];
        Assert.Empty(rejectedByFlexConsumption.Intersect(settings.Keys));

        Assert.Contains("managedidentity", settings["AzureWebJobsStorage__credential"], StringComparison.Ordinal);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.DoesNotContain(settings, setting => setting.Value.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TheAppsSecretComesFromKeyVaultWhichOnlyTheAppsIdentityMayReadAndNothingCanPurge()
    {
        var template = CompileTemplate();
        var app = Assert.Single(ResourcesOfType(template, "Microsoft.Web/sites"));
        var secretSetting = app["properties"]!["siteConfig"]!["appSettings"]!.AsArray().Single(setting => setting!["name"]!.GetValue<string>() == "Security__Secret")!;
        var vault = Assert.Single(ResourcesOfType(template, "Microsoft.KeyVault/vaults"))!["properties"]!;
        var access = ResourcesOfType(template, "Microsoft.Authorization/roleAssignments")
            .Where(assignment => assignment["properties"]!["roleDefinitionId"]!.ToJsonString(AsWritten).Contains("4633458b-17de-408a-b874-0445c86b69e6", StringComparison.Ordinal))
            .ToList();

        // A Key Vault reference, resolved by the platform as the user-assigned identity: the value never passes through storage or the template.
        // (The module's parameter is fed from the key vault module's output, which builds the reference.)
        Assert.Equal("[parameters('protectorKeyVaultReference')]", secretSetting["value"]!.GetValue<string>());
        Assert.Contains("@Microsoft.KeyVault(SecretUri={0})', reference(resourceId('Microsoft.KeyVault/vaults/secrets', parameters('name'), 'app-secret')", template.ToJsonString(AsWritten), StringComparison.Ordinal);
        Assert.Equal("[parameters('identityId')]", app["properties"]!["keyVaultReferenceIdentity"]!.GetValue<string>());
        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(vault["enablePurgeProtection"]!.GetValue<bool>());
        var secretsUser = Assert.Single(access);
        Assert.Equal("ServicePrincipal", secretsUser["properties"]!["principalType"]!.GetValue<string>());
        Assert.Contains("app-secret", secretsUser["scope"]!.ToJsonString(AsWritten), StringComparison.Ordinal);

        // azd generates the secret once per environment; the template has no default to leak.
        var parameter = CompileTemplate()["parameters"]!["appSecret"]!;
        Assert.Equal("securestring", parameter["type"]!.GetValue<string>());
        Assert.Null(parameter["defaultValue"]);
        Assert.Equal("generate", parameter["metadata"]!["azd"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void NoPartOfTheTemplateReadsAStorageKey()
    {
        var template = CompileTemplate().ToJsonString(AsWritten);

        Assert.DoesNotContain("listKeys(", template, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", template, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheIdentityGetsTheStorageAndTelemetryRolesAndTheDeployingUserOnlyWhenGiven()
    {
        var template = CompileTemplate();
        var assignments = ResourcesOfType(template, "Microsoft.Authorization/roleAssignments").ToList();
        var roleDefinitions = string.Join('\n', assignments.Select(assignment => assignment["properties"]!["roleDefinitionId"]!.ToJsonString(AsWritten)));
        var roleLists = string.Join('\n', Variables(template).Select(variable => variable.ToJsonString(AsWritten)));

        string[] expectedRoleIds =
        [
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
            "ba92f5b4-2d11-453d-a403-e96b0029c9fe", // Storage Blob Data Contributor (the deploying user)
            "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
        ];
        var missing = expectedRoleIds.Where(id => !roleLists.Contains(id, StringComparison.Ordinal) && !roleDefinitions.Contains(id, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "no role assignment for role definitions " + string.Join(", ", missing));

        // The deploying user's assignments are a loop over nothing when no principal id is given.
        Assert.Contains(assignments, assignment =>
            assignment["copy"]?["count"]?.GetValue<string>().Contains("empty(parameters('userPrincipalId'))", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void TheFunctionAppCarriesTheServiceNameThatAzureYamlDeploysTo()
    {
        var azureYaml = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "azure.yaml"));
        var mainBicep = File.ReadAllText(MainBicep);

        Assert.Contains("var azdServiceName = 'benchmark'", mainBicep, StringComparison.Ordinal);
        Assert.Contains("\n  benchmark:\n", azureYaml.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private string CompiledTemplatePath => Path.Combine(_output.FullName, "main.json");

    private JsonNode CompileTemplate()
    {
        var build = RunBicep("build", MainBicep, "--outdir", _output.FullName);
        Assert.True(build.ExitCode == 0, $"bicep build failed with exit code {build.ExitCode}:\n{build.Output}");
        return JsonNode.Parse(File.ReadAllText(CompiledTemplatePath))!;
    }

    /// <summary>Every resource in the template and in the templates of its modules (nested deployments).</summary>
    private static IEnumerable<JsonNode> AllResources(JsonNode template)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(resource => resource!),
            JsonObject symbolic => symbolic.Select(pair => pair.Value!),
            _ => [],
        };

        foreach (var resource in resources)
        {
            yield return resource;
            if (resource["properties"]?["template"] is JsonNode nested)
            {
                foreach (var inner in AllResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static IEnumerable<JsonNode> ResourcesOfType(JsonNode template, string type) =>
        AllResources(template).Where(resource => string.Equals(resource["type"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The variables of the template and of its modules' templates.</summary>
    private static IEnumerable<JsonNode> Variables(JsonNode template)
    {
        if (template["variables"] is JsonNode variables)
        {
            yield return variables;
        }

        foreach (var nested in AllResources(template).Select(resource => resource["properties"]?["template"]).OfType<JsonNode>())
        {
            if (nested["variables"] is JsonNode nestedVariables)
            {
                yield return nestedVariables;
            }
        }
    }

    private static void AssertNoWarningsOrErrors(BicepRun run)
    {
        // With --diagnostics-format sarif, build writes the report to stderr and lint to stdout.
        var report = run.StandardOutput.TrimStart().StartsWith('{') ? run.StandardOutput : run.StandardError;
        Assert.True(report.TrimStart().StartsWith('{'), $"bicep wrote no SARIF report:\n{run.Output}");

        var findings = JsonNode.Parse(report)!["runs"]!.AsArray()
            .SelectMany(sarifRun => sarifRun!["results"]!.AsArray())
            // SARIF leaves out the level when it is the default, "warning".
            .Where(result => (result!["level"]?.GetValue<string>() ?? "warning") is "warning" or "error")
            .Select(result => $"{result!["level"] ?? "warning"} {result["ruleId"]}: {result["message"]?["text"]} at {result["locations"]?[0]?["physicalLocation"]?.ToJsonString()}")
            .ToList();

        Assert.True(findings.Count == 0, "bicep reported:\n" + string.Join('\n', findings));
    }

    private static BicepRun RunBicep(params string[] arguments)
    {
        EnsureExecutable(Bicep.Path);

        var start = new ProcessStartInfo(Bicep.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(MainBicep)!,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Bicep would otherwise look for a newer version of itself and for module registries online.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start)!;
        var standardError = process.StandardError.ReadToEndAsync();
        var standardOutput = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"bicep {string.Join(' ', arguments)} did not finish within two minutes");
        }

        return new BicepRun(process.ExitCode, standardOutput, standardError.GetAwaiter().GetResult());
    }

    /// <summary>NuGet does not keep the executable bit on every machine, so a fresh restore may need it set.</summary>
    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | executable);
        }
    }

    private sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => new StringBuilder().AppendLine(StandardOutput).Append(StandardError).ToString();
    }
}
