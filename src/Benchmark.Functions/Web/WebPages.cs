using System.Security.Claims;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Benchmark.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Benchmark.Functions.Web;

/// <summary>
/// The web pages for municipalities and analysts: Razor Pages served by the same app as the API.
/// The API keeps its bearer keys; only the pages use the session cookie, so a cookie never authorizes an API call.
/// </summary>
public static class WebPages
{
    public const string SessionScheme = "Session";
    public const string MunicipalityPolicy = "MunicipalityPages";
    public const string AnalystPolicy = "AnalystPages";
    public const string KeyHashClaim = "keyHash";

    public static void AddWebPages(this IServiceCollection services)
    {
        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Gemeente", MunicipalityPolicy);
            pages.Conventions.AuthorizeFolder("/Analist", AnalystPolicy);
        }).AddApplicationPart(typeof(WebPages).Assembly); // also when another assembly hosts the app, as the tests do
        services.AddScoped<WebText>();

        services.AddAuthentication()
            .AddCookie(SessionScheme, cookie =>
            {
                cookie.Cookie.Name = "bm-sessie";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/inloggen";
                cookie.LogoutPath = "/uitloggen";
                cookie.AccessDeniedPath = "/geen-toegang";
                cookie.ReturnUrlParameter = "terug";
                cookie.EventsType = typeof(SessionEvents);
            });
        services.AddScoped<SessionEvents>();
        services.AddAuthorizationBuilder()
            .AddPolicy(MunicipalityPolicy, policy => policy.AddAuthenticationSchemes(SessionScheme).RequireRole(nameof(Role.Municipality), nameof(Role.Council)))
            .AddPolicy(AnalystPolicy, policy => policy.AddAuthenticationSchemes(SessionScheme).RequireRole(nameof(Role.Analyst)));

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "bm-af";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.FormFieldName = "__bm_af";
        });
    }

    /// <summary>Keeps the keys that protect session and antiforgery cookies in table storage, so every instance and every restart reads them.</summary>
    public static void AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("benchmark-e-overheid");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new TableXmlRepository(provider.GetRequiredService<BenchmarkTables>())));

        // Data protection's hosted service reads the key ring from storage before the server listens, which every cold
        // start paid; only the pages' cookies need the keys, so the first page request reads them instead.
        var eagerKeyRing = services.Where(service => service.ServiceType == typeof(IHostedService) && service.ImplementationType?.Assembly == typeof(KeyManagementOptions).Assembly).ToList();
        foreach (var service in eagerKeyRing)
        {
            services.Remove(service);
        }
    }

    public static void UseWebPages(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot")),
            RequestPath = "/assets",
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });

        app.Use(async (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                context.Response.Headers["Referrer-Policy"] = "same-origin";
            }

            await next(context);
        });
    }

    /// <summary>Pages (never the API) see the session's user, also on pages open to everyone, such as the accessibility statement.</summary>
    public static void UseSessionForPages(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api") && context.User.Identity?.IsAuthenticated != true)
            {
                var session = await context.AuthenticateAsync(SessionScheme);
                if (session.Succeeded)
                {
                    context.User = session.Principal!;
                }
            }

            await next(context);
        });

    public static void MapWebPages(this WebApplication app) => app.MapRazorPages();

    /// <summary>The claims of a session: the same as a bearer key's, plus the key's hash so a revoked key ends its sessions.</summary>
    public static ClaimsPrincipal Principal(ApiKeyInfo key, string keyHash)
    {
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, key.KeyId), new(ClaimTypes.Role, key.Role.ToString()), new(ClaimTypes.Name, key.Label), new(KeyHashClaim, keyHash)];
        if (key.Municipality is not null)
        {
            claims.Add(new Claim(ApiKeyAuthenticationHandler.MunicipalityClaim, key.Municipality));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, SessionScheme));
    }
}

/// <summary>Ends a session as soon as its key is revoked (within the key cache's few seconds).</summary>
internal sealed class SessionEvents(KeyCache keys) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var hash = context.Principal?.FindFirstValue(WebPages.KeyHashClaim);
        var key = hash is null ? null : await keys.FindByHashAsync(hash, context.HttpContext.RequestAborted);
        if (key is not { IsActive: true })
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(WebPages.SessionScheme);
        }
    }
}
