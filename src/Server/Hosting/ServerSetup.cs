using Microsoft.Extensions.Options;
using Tiktok.Core;
using Tiktok.Core.Accounts;
using Tiktok.Core.Caching;
using Tiktok.Core.Errors;
using Tiktok.Core.Media;
using Tiktok.Core.Moderation;
using Tiktok.Edge.Authentication;
using Tiktok.RestCompat;
using Tiktok.RestCompat.Binding;
using Tiktok.Schema;
using Tiktok.Schema.Http;
using Tiktok.Server.Authentication;
using Tiktok.Server.Data;
using Tiktok.Server.Live;
using Tiktok.Server.Media;
using Tiktok.Server.Observability;
using Tiktok.Server.ScaleOut;

namespace Tiktok.Server.Hosting;

/// <summary>The composition root's pieces, so Program.cs reads as a table of contents.</summary>
public static class ServerSetup
{
    public const string DefaultUrl = "http://0.0.0.0:8080";

    /// <summary>
    /// A builder whose content root (appsettings.json) is the server's own folder, while relative
    /// paths such as the default <c>./data</c> stay relative to where the user started it.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

    /// <summary>
    /// The main endpoints (<c>--urls</c>, <c>ASPNETCORE_URLS</c>/<c>HTTP_PORTS</c>, <c>Kestrel:Endpoints</c>,
    /// else <see cref="DefaultUrl"/>) plus the metrics listener when <c>Tiktok:Metrics:Port</c> names one.
    /// </summary>
    private static void ListenOn(WebApplicationBuilder builder, MetricsOptions metrics)
    {
        var config = builder.Configuration;
        var metricsUrl = metrics.ListenerUrl;
        if (config.GetSection("Kestrel:Endpoints").Exists())
        {
            if (metricsUrl is not null) config["Kestrel:Endpoints:Metrics:Url"] = metricsUrl;
            return;
        }
        var urls = config["urls"];
        if (string.IsNullOrEmpty(urls))
        {
            static IEnumerable<string> Ports(string? ports, string scheme) =>
                (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"{scheme}://*:{p}");
            urls = string.Join(';', Ports(config["http_ports"], "http").Concat(Ports(config["https_ports"], "https")));
            if (urls.Length == 0) urls = DefaultUrl;
        }
        builder.WebHost.UseUrls(metricsUrl is null ? urls : $"{urls};{metricsUrl}");
    }

    public static WebApplicationBuilder AddTiktokServer(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;
        ListenOn(builder, services.AddValidated(config, MetricsOptions.Section, new MetricsOptionsValidation()));
        var options = services.AddValidated(config, TiktokOptions.Section, new TiktokOptionsValidation(),
            o => o.DataDir = Path.GetFullPath(o.DataDir));

        // Bodies are small except uploads, which raise their own limit (RestCompat's publish).
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 1024 * 1024;
            k.AddServerHeader = false;
        });

        var cache = services.AddValidated(config, CacheOptions.Section, new CacheOptionsValidation());
        services.AddValidated(config, ModerationOptions.Section, new ModerationOptionsValidation());
        services.AddTiktokDomain();
        services.AddRestCompat();
        services.AddTiktokSchema();
        services.AddTiktokDatabase(options);

        services.AddMediaStorage(config);
        services.AddVideoProcessing(config);
        services.AddSingleton<FfmpegInspector>();
        services.AddSingleton<IVideoInspector>(sp => sp.GetRequiredService<FfmpegInspector>());

        var validation = JwtAccessTokens.ValidationParameters(SigningKey.Load(options));
        services.AddSingleton(validation);
        services.AddSingleton<IAccessTokens, JwtAccessTokens>();
        services.AddTokenAuthentication();
        services.AddAuthorization();


        services.AddSingleton<ContentSecurityPolicies>();
        services.AddLive();
        services.AddRedisScaleOut(config, cache.Enabled);
        services.AddObservability(config);
        services.AddHostedService<StartupWork>();
        builder.AddApiReference();
        return builder;
    }

    public static WebApplication UseTiktokServer(this WebApplication app)
    {
        app.UseMiddleware<RequestLogging>();
        // Strict-Transport-Security on HTTPS answers (not to localhost/127.0.0.1/[::1]), outside Development.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseMiddleware<SecurityHeaders>();
        app.UseTiktokMetrics();
        // The web client (wwwroot, copied to the output folder): / serves index.html; it routes by #hash.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseLiveConnectionOwners();
        app.UseAuthorization();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.MapRestCompat();
        app.MapTiktokGraphQL();
        app.MapMedia();
        app.MapLive();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapReadiness();
        app.MapApiReference();
        return app;
    }
}
