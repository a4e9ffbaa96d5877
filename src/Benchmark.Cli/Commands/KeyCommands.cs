using Microsoft.Extensions.DependencyInjection;
using System.CommandLine;
using Benchmark.Core.Workflow;
using Benchmark.Storage;

namespace Benchmark.Cli.Commands;

internal static class KeyCommands
{
    private const string CliActor = "cli";

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
            var keys = services.GetRequiredService<KeyStore>();
            try
            {
                var created = await keys.CreateAsync(Enum.Parse<Role>(parse.GetValue(role)!, ignoreCase: true), parse.GetValue(municipality), parse.GetValue(label)!, CliActor, cancellationToken);
                context.Output.WriteLine($"Key {created.Info.KeyId} ({created.Info.Role.ToString().ToLowerInvariant()}{(created.Info.Municipality is null ? "" : " " + created.Info.Municipality)}) created. Store it now; it is not shown again:");
                context.Output.WriteLine(created.Secret);
                return 0;
            }
            catch (ArgumentException e)
            {
                context.Error.WriteLine(e.Message.Split(" (Parameter", 2)[0]);
                return 2;
            }
        });

        var list = new Command("list", "List keys (never the keys themselves)") { storage, prefix };
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.ServicesAsync(parse, storage, prefix, null, cancellationToken);
            var keys = await services.GetRequiredService<KeyStore>().ListAsync(cancellationToken);
            context.Output.WriteLine($"{"Key id",-10}  {"Role",-12}  {"Municipality",-12}  {"Created",-20}  {"Revoked",-20}  Label");
            foreach (var key in keys)
            {
                context.Output.WriteLine($"{key.KeyId,-10}  {key.Role.ToString().ToLowerInvariant(),-12}  {key.Municipality ?? "",-12}  {key.CreatedAt:yyyy-MM-dd HH:mm:ss}  {(key.RevokedAt is { } revoked ? revoked.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : ""),-20}  {key.Label}");
            }

            return 0;
        });

        var keyId = new Argument<string>("key-id") { Description = "The key's public id, as shown by 'keys list'" };
        var revoke = new Command("revoke", "Revoke a key; it stops working within the service's key cache time (30 s)") { keyId, storage, prefix };
        revoke.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliContext.ServicesAsync(parse, storage, prefix, null, cancellationToken);
            var found = await services.GetRequiredService<KeyStore>().RevokeAsync(parse.GetValue(keyId)!, CliActor, cancellationToken);
            if (!found)
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
