using System.Net.Mail;

namespace Benchmark.Functions.Web;

/// <summary>
/// Where visitors report a problem: the accessibility statement must name it (the Wdo's accessibility requirement asks
/// for a way to contact the organisation), and every page's footer shows it. Set per environment, never guessed: under
/// the Functions host the app does not start without it; a local run uses the example address of the demo.
/// </summary>
public sealed record ServiceContact(string Email)
{
    public const string Setting = "Service:ContactEmail";

    /// <summary>The demo's address: example.org is reserved for examples, so no mail to it reaches anyone by mistake.</summary>
    public const string LocalExample = "benchmark@example.org";

    public static ServiceContact From(IConfiguration configuration, bool hosted)
    {
        var email = configuration[Setting]?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return hosted
                ? throw new InvalidOperationException($"{Setting} is not set: give the address where visitors report a problem (infra/ sets it from the contactEmail parameter).")
                : new ServiceContact(LocalExample);
        }

        return MailAddress.TryCreate(email, out var address) && address.Address == email
            ? new ServiceContact(email)
            : throw new InvalidOperationException($"{Setting} is '{email}', which is not an e-mail address.");
    }
}
