using Microsoft.Extensions.Options;

namespace Tiktok.Server.Hosting;

/// <summary>
/// One way to read a configuration section: bound to its options class, checked by its validator,
/// registered as <c>IOptions&lt;T&gt;</c> with the same validator and <c>ValidateOnStart</c>. The value
/// returned is for choices made while composing the host (which database, which media store).
/// </summary>
public static class ValidatedSettings
{
    /// <summary>Binds <paramref name="section"/>, validates it (a bad setting throws <see cref="OptionsValidationException"/> naming it) and registers it.</summary>
    public static T AddValidated<T>(this IServiceCollection services, IConfiguration configuration, string section,
        IValidateOptions<T> validator, Action<T>? postConfigure = null) where T : class, new()
    {
        var value = configuration.GetSection(section).Get<T>() ?? new T();
        postConfigure?.Invoke(value);
        var result = validator.Validate(Options.DefaultName, value);
        if (result.Failed) throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures);

        var builder = services.AddOptions<T>().Bind(configuration.GetSection(section));
        if (postConfigure is not null) builder.PostConfigure(postConfigure);
        builder.ValidateOnStart();
        services.AddSingleton(validator);
        return value;
    }
}
