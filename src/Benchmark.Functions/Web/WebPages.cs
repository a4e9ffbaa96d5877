using System.Security.Claims;
using Benchmark.Core.Application;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;
using Benchmark.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
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
    public const string SessionIdClaim = "sid";

    public static void AddWebPages(this IServiceCollection services, WebSecuritySettings security)
    {
        // Before the pages register the default encoder, which they only add when none is there.
        services.AddSingleton<System.Text.Encodings.Web.HtmlEncoder>(new PageTextEncoder());
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
                cookie.Cookie.SecurePolicy = SecurePolicy(security);
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = security.SessionIdleTimeout;
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
            antiforgery.Cookie.SecurePolicy = SecurePolicy(security);
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.FormFieldName = "__bm_af";
        });
    }

    /// <summary>Outside local development every cookie is Secure: behind the Functions host the app sees plain HTTP from the host, while the visitor uses HTTPS.</summary>
    public static CookieSecurePolicy SecurePolicy(WebSecuritySettings security) =>
        security.LocalDevelopment ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <summary>
    /// Keeps the keys that protect session and antiforgery cookies in table storage, so every instance and every restart
    /// reads them, encrypted with the app's secret, which is not in storage.
    /// </summary>
    public static void AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("benchmark-e-overheid");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options =>
            {
                options.XmlRepository = new TableXmlRepository(provider.GetRequiredService<BenchmarkTables>(), provider.GetRequiredService<ILogger<TableXmlRepository>>());
                options.XmlEncryptor = new SecretXmlEncryptor(provider.GetRequiredService<AppSecret>);
            }));

        // Data protection's hosted service reads the key ring from storage before the server listens, which every cold
        // start paid; only the pages' cookies need the keys, so the first page request reads them instead.
        var eagerKeyRing = services.Where(service => service.ServiceType == typeof(IHostedService) && service.ImplementationType?.Assembly == typeof(KeyManagementOptions).Assembly).ToList();
        foreach (var service in eagerKeyRing)
        {
            services.Remove(service);
        }
    }

    public static void UseWebPages(this IApplicationBuilder app)
    {
        var security = app.ApplicationServices.GetRequiredService<WebSecuritySettings>();

        // Before the static files, so assets carry the headers too.
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            if (!security.LocalDevelopment)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            if (context.Request.Path.StartsWithSegments("/api"))
            {
                // Answers and report downloads are someone's data: no cache keeps them. The HTML report the API serves
                // has inline styles and SVG, nothing else: no scripts, no connections, no frames, no forms.
                headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    return Task.CompletedTask;
                });
            }
            else if (!context.Request.Path.StartsWithSegments("/assets"))
            {
                headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

                // Pages show a municipality's answers and results; the browser's back button may show them again, no cache beyond.
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    return Task.CompletedTask;
                });
            }

            await next(context);
        });

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot")),
            RequestPath = "/assets",
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
    }

    /// <summary>Pages (never the API) see the session's user, also on pages open to everyone, such as the accessibility statement.</summary>
    public static void UseSessionForPages(this IApplicationBuilder app) =>
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

    public static void MapWebPages(this IEndpointRouteBuilder app) => app.MapRazorPages();

    /// <summary>The claims of a session: the same as a bearer key's, plus the id of the session the server keeps (see <see cref="SignInService"/>).</summary>
    public static ClaimsPrincipal Principal(ApiKeyInfo key, string sessionId)
    {
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, key.KeyId), new(ClaimTypes.Role, key.Role.ToString()), new(ClaimTypes.Name, key.Label), new(SessionIdClaim, sessionId)];
        if (key.Municipality is not null)
        {
            claims.Add(new Claim(ApiKeyAuthenticationHandler.MunicipalityClaim, key.Municipality));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, SessionScheme));
    }
}

/// <summary>
/// A cookie is only as good as the session the server keeps for it: gone after signing out or past its maximum
/// lifetime, and ended as soon as its key is revoked (within the key cache's few seconds).
/// </summary>
internal sealed class SessionEvents(SignInService signIn, KeyCache keys) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal?.FindFirstValue(WebPages.SessionIdClaim);
        var session = sessionId is null ? null : await signIn.FindSessionAsync(sessionId, context.HttpContext.RequestAborted);
        var key = session is null ? null : await keys.FindByHashAsync(session.KeyHash, context.HttpContext.RequestAborted);
        if (key?.Value is not { } active || active.KeyId != context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(WebPages.SessionScheme);
        }
    }
}
