using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Accounts;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Api;

/// <summary>Log-in timing and user names (normalised, no invisible characters) through the real host, on both databases.</summary>
public abstract class AccountNamesTests : IDisposable
{
    public sealed class Sqlite() : AccountNamesTests(TestDatabases.Sqlite);

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres() : AccountNamesTests(TestDatabases.Postgres);

    private const int WorkFactor = 5;
    private readonly TiktokFactory _f;
    private readonly HttpClient _http;

    private AccountNamesTests(string database)
    {
        _f = new(settings: new() { ["Tiktok:PasswordWorkFactor"] = WorkFactor.ToString() }, database: database);
        _http = _f.CreateClient();
    }

    public void Dispose() => _f.DeleteData();

    private Task<string> StoredHashAsync(string name) => _f.InScopeAsync(sp =>
        sp.GetRequiredService<TiktokDbContext>().Users.Where(u => u.Name == name).Select(u => u.PasswordHash).SingleAsync());

    private async Task<TimeSpan> FastestLoginAsync(string name, string password)
    {
        var fastest = TimeSpan.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            var answer = await _http.PostFormAsync("/douyin/user/login/", ("username", name), ("password", password));
            clock.Stop();
            Assert.Equal((int)ErrorCode.WrongCredentials, answer.Status());
            if (clock.Elapsed < fastest) fastest = clock.Elapsed;
        }
        return fastest;
    }

    [DatabaseFact]
    public async Task An_unknown_name_costs_one_verification_at_the_configured_work_factor_like_a_wrong_password()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..10];
        await _http.RegisterAsync(name);
        var passwords = _f.Services.GetRequiredService<Passwords>();
        Assert.Equal(WorkFactor, Passwords.CostOf(await StoredHashAsync(name)));
        Assert.Equal(WorkFactor, Passwords.CostOf(passwords.Decoy));
        Assert.Matches($"^\\$2[abxy]\\$0{WorkFactor}\\$", passwords.Decoy);
        Assert.False(passwords.Verify("anything", null), "the decoy never matches");

        // The old decoy was fixed at cost 11: one such verification takes far longer than a whole
        // log-in at cost 5, wrong password or unknown name alike.
        var cost11 = BCrypt.Net.BCrypt.EnhancedHashPassword("x", 11);
        var clock = Stopwatch.StartNew();
        BCrypt.Net.BCrypt.EnhancedVerify("y", cost11);
        var oneCost11 = clock.Elapsed;
        var wrongPassword = await FastestLoginAsync(name, "wrong-password");
        var unknownName = await FastestLoginAsync(name + "x", "wrong-password");
        Assert.True(unknownName < oneCost11 / 2, $"unknown name {unknownName.TotalMilliseconds} ms, one cost-11 check {oneCost11.TotalMilliseconds} ms");
        Assert.True(wrongPassword < oneCost11 / 2, $"wrong password {wrongPassword.TotalMilliseconds} ms, one cost-11 check {oneCost11.TotalMilliseconds} ms");
    }

    private static readonly (string What, string Suffix)[] Invisible =
    [
        ("zero-width space", "ab\u200Bc"),
        ("zero-width joiner", "ab\u200Dc"),
        ("zero-width non-joiner", "ab\u200Cc"),
        ("byte order mark", "\uFEFFabc"),
        ("soft hyphen", "ab\u00ADc"),
        ("right-to-left override", "ab\u202Ec"),
        ("left-to-right isolate", "ab\u2066c"),
        ("word joiner", "ab\u2060c"),
        ("line separator", "ab\u2028c"),
        ("paragraph separator", "ab\u2029c"),
        ("private use", "ab\uE000c"),
        ("unassigned", "ab\u0378c"),
        ("Hangul filler", "ab\u3164c"),
        ("no-break space", "ab\u00A0c"),
        ("variation selector", "ab\uFE0Fc"),
        ("control character", "ab\u0007c"),
        ("circled letter (compatibility form)", "ab\u24B8c"),
        ("ligature (compatibility form)", "\uFB01ne"),
    ];

    [DatabaseFact]
    public async Task A_name_with_an_invisible_or_lookalike_character_is_refused_naming_the_field()
    {
        foreach (var (what, suffix) in Invisible)
        {
            var name = "n" + Guid.NewGuid().ToString("N")[..8] + suffix;
            var answer = await _http.PostFormAsync("/douyin/user/register/", ("username", name), ("password", "secret123"));
            Assert.True((int)ErrorCode.InvalidValue == answer.Status(), $"{what}: {answer}");
            Assert.Contains("username", answer.GetProperty("status_msg").GetString());
        }
        Assert.Equal(0, await _f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().Users.CountAsync()));
    }

    [DatabaseFact]
    public async Task Names_equal_once_normalised_are_one_name_at_sign_up_and_at_log_in()
    {
        var stem = "n" + Guid.NewGuid().ToString("N")[..8];
        // Decomposed é (e + U+0301) is stored composed (U+00E9).
        var (id, _) = await _http.RegisterAsync(stem + "e\u0301");
        Assert.Equal(id, await _f.InScopeAsync(sp =>
            sp.GetRequiredService<TiktokDbContext>().Users.Where(u => u.Name == stem + "\u00E9").Select(u => u.Id).SingleAsync()));
        var again = await _http.PostFormAsync("/douyin/user/register/", ("username", stem + "\u00E9"), ("password", "secret123"));
        Assert.Equal((int)ErrorCode.UsernameTaken, again.Status());
        var login = await _http.PostFormAsync("/douyin/user/login/", ("username", stem + "\u00E9"), ("password", "secret123"));
        Assert.Equal(id, login.GetProperty("user_id").GetInt64());

        // Full-width letters are the ordinary ones: "ＡＢ" + stem is "AB" + stem.
        var (wide, _) = await _http.RegisterAsync("AB" + stem);
        var fullWidth = await _http.PostFormAsync("/douyin/user/register/", ("username", "\uFF21\uFF22" + stem), ("password", "secret123"));
        Assert.Equal((int)ErrorCode.UsernameTaken, fullWidth.Status());
        var wideLogin = await _http.PostFormAsync("/douyin/user/login/", ("username", "\uFF21\uFF22" + stem), ("password", "secret123"));
        Assert.Equal(wide, wideLogin.GetProperty("user_id").GetInt64());

        // The invisible twin of an existing name is refused as invalid, not taken.
        var twin = await _http.PostFormAsync("/douyin/user/register/", ("username", "AB" + stem + "\u200B"), ("password", "secret123"));
        Assert.Equal((int)ErrorCode.InvalidValue, twin.Status());
    }

    [DatabaseFact]
    public async Task Ordinary_names_in_any_script_are_kept_as_typed()
    {
        foreach (var name in new[] { "Zhang Wei " .Trim() + Guid.NewGuid().ToString("N")[..4], "张伟" + Guid.NewGuid().ToString("N")[..4],
                     "Müller-Lüdenscheidt" + Guid.NewGuid().ToString("N")[..4], "سارا" + Guid.NewGuid().ToString("N")[..4], "😀fan" + Guid.NewGuid().ToString("N")[..4] })
        {
            var (id, _) = await _http.RegisterAsync(name);
            var info = await _http.GetJsonAsync($"/douyin/user/?user_id={id}");
            Assert.Equal(name, info.GetProperty("user").GetProperty("name").GetString());
        }
    }

    [DatabaseFact]
    public async Task Messages_refuse_bidi_controls_but_keep_emoji_sequences()
    {
        var (_, aToken) = await _http.RegisterAsync();
        var (b, _) = await _http.RegisterAsync();
        foreach (var text in new[] { "look \u202Eevil", "isolate \u2066x\u2069" })
        {
            var message = await _http.PostFormAsync("/douyin/message/action/", ("token", aToken), ("to_user_id", b.ToString()), ("action_type", "1"), ("content", text));
            Assert.Equal((int)ErrorCode.InvalidValue, message.Status());
            Assert.Contains("content", message.GetProperty("status_msg").GetString());
        }
        var chat = await _http.GetJsonAsync($"/douyin/message/chat/?token={aToken}&to_user_id={b}&pre_msg_time=0");
        Assert.Equal(0, chat.GetProperty("message_list").GetArrayLength());
        // Emoji sequences joined by U+200D stay allowed in free text.
        var family = await _http.PostFormAsync("/douyin/message/action/", ("token", aToken), ("to_user_id", b.ToString()), ("action_type", "1"), ("content", "\U0001F468\u200D\U0001F469\u200D\U0001F467"));
        Assert.Equal(0, family.Status());
    }
}
