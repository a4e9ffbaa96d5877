using System.CommandLine;
using Benchmark.Core.Application;
using Benchmark.Core.Text;
using Benchmark.Core.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmark.Cli.Commands;

internal static class KeyCommands
{
    private const string CliActor = KnownActors.CommandLine;

    public static Command Create(CliContext context)
    {
        var storage = CliContext.StorageOption();
        var prefix = CliContext.TablePrefixOption();

        var role = new Option<string>("--role") { Description = "municipality, council or analyst", Required = true };
        role.AcceptOnlyFromAmong("municipality", "council", "analyst");
        var municipality = new Option<string>("--municipality") { Description = "GM code, for municipality and council keys" };
        var label = new Option<string>("--label") { Description = "Whose key this is, e.g. 'informatiemanager Utrecht'", Required = true };
        var create = new Command("create", "Create a key; it is shown once and stored only as a hash") { role, municipality, label, storage, prefix };
        create.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.ServicesAsync(parse, storage, prefix, null, cancellationToken);
            var outcome = await services.GetRequiredService<KeyService>().CreateAsync(CliActor, new CreateKey(Enum.Parse<Role>(parse.GetValue(role)!, ignoreCase: true), parse.GetValue(municipality), parse.GetValue(label)), cancellationToken);
            if (outcome.Failed)
            {
                context.Error.WriteLine(outcome.Refusal.Detail);
                return 2;
            }

            var created = outcome.Value;
            context.Output.WriteLine($"Key {created.Info.KeyId} ({created.Info.Role.ToString().ToLowerInvariant()}{(created.Info.Municipality is null ? "" : " " + created.Info.Municipality)}) created. Store it now; it is not shown again:");
            context.Output.WriteLine(created.Secret);
            return 0;
        });

        var list = new Command("list", "List keys (never the keys themselves)") { storage, prefix };
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.ServicesAsync(parse, storage, prefix, null, cancellationToken);
            var keys = await services.GetRequiredService<KeyService>().ListAsync(cancellationToken);
            // Times in Dutch time, as on the pages.
            context.Output.WriteLine($"{"Key id",-10}  {"Role",-12}  {"Municipality",-12}  {"Created (NL)",-20}  {"Revoked (NL)",-20}  Label");
            foreach (var key in keys)
            {
                context.Output.WriteLine($"{key.KeyId,-10}  {key.Role.ToString().ToLowerInvariant(),-12}  {key.Municipality ?? "",-12}  {key.CreatedAt.InDutchTime():yyyy-MM-dd HH:mm:ss}  {(key.RevokedAt is { } revoked ? revoked.InDutchTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : ""),-20}  {key.Label}");
            }

            return 0;
        });

        var keyId = new Argument<string>("key-id") { Description = "The key's public id, as shown by 'keys list'" };
        var revoke = new Command("revoke", "Revoke a key; it stops working within the service's key cache time (30 s)") { keyId, storage, prefix };
        revoke.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.ServicesAsync(parse, storage, prefix, null, cancellationToken);
            var revoked = await services.GetRequiredService<KeyService>().RevokeAsync(CliActor, new RevokeKey(parse.GetValue(keyId)!), cancellationToken);
            if (revoked.Failed)
            {
                context.Error.WriteLine($"No key with id '{parse.GetValue(keyId)}'.");
                return 1;
            }

            context.Output.WriteLine($"Key {parse.GetValue(keyId)} revoked.");
            return 0;
        });

        return new Command("keys", "API keys for municipalities, councils and analysts") { create, list, revoke };
    }
}
