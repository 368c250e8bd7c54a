using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Tiktok.Core;
using Tiktok.Core.Accounts;
using Tiktok.Core.Caching;
using Tiktok.Core.Errors;
using Tiktok.Core.Media;
using Tiktok.RestCompat;
using Tiktok.Schema;
using Tiktok.Schema.Http;
using Tiktok.RestCompat.Binding;
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

    public static TiktokOptions ReadOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(TiktokOptions.Section).Get<TiktokOptions>() ?? new TiktokOptions();
        options.DataDir = Path.GetFullPath(options.DataDir);
        return options;
    }

    public static WebApplicationBuilder AddTiktokServer(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["http_ports"]) &&
            string.IsNullOrEmpty(config["https_ports"]) && !config.GetSection("Kestrel:Endpoints").Exists())
            builder.WebHost.UseUrls(DefaultUrl);

        var options = ReadOptions(config);
        var services = builder.Services;
        services.AddOptions<TiktokOptions>().Bind(config.GetSection(TiktokOptions.Section))
            .PostConfigure(o => o.DataDir = Path.GetFullPath(o.DataDir))
            .Validate(o => o.MaxUploadBytes > 0, "Tiktok:MaxUploadBytes must be positive")
            .Validate(o => o.TokenLifetime > TimeSpan.Zero, "Tiktok:TokenLifetime must be positive")
            .Validate(o => o.ListLimit > 0, "Tiktok:ListLimit must be positive")
            .Validate(o => string.IsNullOrEmpty(o.TimeZone) || TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _),
                "Tiktok:TimeZone is not a time zone this machine knows (use an IANA name such as Asia/Shanghai)")
            .ValidateOnStart();

        // Bodies are small except uploads, which raise their own limit (RestCompat's publish).
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 1024 * 1024;
            k.AddServerHeader = false;
        });

        services.AddOptions<CacheOptions>().Bind(config.GetSection(CacheOptions.Section))
            .Validate(o => o.EntryLifetime > TimeSpan.Zero && o.LeaseDuration > TimeSpan.Zero && o.FillWait >= TimeSpan.Zero,
                "Tiktok:Cache: EntryLifetime and LeaseDuration must be positive, FillWait not negative")
            .ValidateOnStart();
        services.AddTiktokDomain();
        services.AddRestCompat();
        services.AddTiktokSchema();
        services.AddOptions<IdeOptions>().Bind(config.GetSection(IdeOptions.Section));
        services.AddTiktokDatabase(options);

        services.AddMediaStorage(config);
        services.AddVideoProcessing(config);
        services.AddSingleton<FfmpegInspector>();
        services.AddSingleton<IVideoInspector>(sp => sp.GetRequiredService<FfmpegInspector>());

        var validation = JwtAccessTokens.ValidationParameters(SigningKey.Load(options));
        services.AddSingleton(validation);
        services.AddSingleton<IAccessTokens, JwtAccessTokens>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = validation;
            jwt.Events = new JwtBearerEvents { OnMessageReceived = LiveSetup.ReadHubAccessToken };
        });
        services.AddAuthorization();


        services.AddLive();
        services.AddRedisScaleOut(config);
        services.AddObservability(config);
        services.AddHostedService<StartupWork>();
        return builder;
    }

    public static WebApplication UseTiktokServer(this WebApplication app)
    {
        app.UseMiddleware<RequestLogging>();
        app.UseMiddleware<SecurityHeaders>();
        app.UseTiktokMetrics();
        // The web client (wwwroot, copied to the output folder): / serves index.html; it routes by #hash.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRestCompat();
        app.MapTiktokGraphQL();
        app.MapMedia();
        app.MapLive();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapReadiness();
        return app;
    }
}
