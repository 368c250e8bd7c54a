using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Tiktok.Core.Errors;
using Tiktok.Edge.Authentication;
using Tiktok.Edge.Bodies;
using Tiktok.Edge.Parameters;

namespace Tiktok.RestCompat.Binding;

/// <summary>
/// The parameters of one app request, from the query string and an urlencoded or multipart form
/// (GET requests included), and the caller (<see cref="Callers"/>: <c>token</c> or a bearer header).
/// </summary>
public sealed class DouyinRequest
{
    private readonly IQueryCollection _query;
    private readonly IReadOnlyDictionary<string, string> _form;
    private readonly bool _formSeenByAuthentication;
    private readonly Callers _callers;

    internal DouyinRequest(HttpContext http, IReadOnlyDictionary<string, string> form, bool formSeenByAuthentication)
    {
        Http = http;
        _query = http.Request.Query;
        _form = form;
        _formSeenByAuthentication = formSeenByAuthentication;
        _callers = http.RequestServices.GetRequiredService<Callers>();
    }

    public HttpContext Http { get; }
    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The client's address, for per-address limits.</summary>
    public string ClientAddress => Http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static async Task<DouyinRequest> ReadAsync(HttpContext http)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        var multipart = false;
        if (UrlEncodedForm.Is(http.Request))
        {
            foreach (var (key, values) in await UrlEncodedForm.ReadAsync(http)) form[key] = Single(key, values);
        }
        else if (http.Request.HasFormContentType)
        {
            multipart = true;
            var read = await RequestBodies.ReadAsync(http, () => http.Request.ReadFormAsync(http.RequestAborted));
            foreach (var (key, values) in read) form[key] = Single(key, values);
        }
        // The authentication read the query, the header and an urlencoded form, never a multipart one.
        return new DouyinRequest(http, form, formSeenByAuthentication: !multipart);
    }

    /// <summary>For multipart bodies read section by section (publish): the non-file fields.</summary>
    public static DouyinRequest FromFields(HttpContext http, IReadOnlyDictionary<string, string> fields) =>
        new(http, fields, formSeenByAuthentication: false);

    /// <summary>
    /// The raw value, or null when absent; one rule for the query string and the form: an empty
    /// value is present but empty (an empty title), and only a non-empty value can disagree with
    /// another. The query and the form, or two copies in one of them, must agree when both carry it.
    /// </summary>
    public string? Get(string name)
    {
        var fromQuery = _query.TryGetValue(name, out var q) && q.Count > 0 ? Single(name, q) : null;
        var fromForm = _form.TryGetValue(name, out var f) ? f : null;
        if (!string.IsNullOrEmpty(fromQuery) && !string.IsNullOrEmpty(fromForm) && fromQuery != fromForm)
            throw DomainErrors.Invalid(name, "was given twice with different values");
        return string.IsNullOrEmpty(fromQuery) ? fromForm ?? fromQuery : fromQuery;
    }

    /// <summary>A value present and not empty; absent or empty is MISSING_PARAMETER (docs/errors.md).</summary>
    public string RequiredString(string name) => Get(name) is { Length: > 0 } value ? value : throw DomainErrors.Missing(name);

    /// <summary>A positive id.</summary>
    public long RequiredId(string name) => OptionalId(name) ?? throw DomainErrors.Missing(name);

    /// <summary>A positive id, or null when absent, empty or 0 ("myself" in the app's lists).</summary>
    public long? OptionalId(string name)
    {
        var raw = Get(name);
        if (string.IsNullOrEmpty(raw)) return null;
        var value = ParseLong(name, raw);
        if (value == 0) return null;
        if (value < 0) throw DomainErrors.OutOfRange(name, "must be a positive id");
        return value;
    }

    /// <summary>action_type: one of <paramref name="allowed"/>.</summary>
    public int ActionType(params int[] allowed)
    {
        const string name = "action_type";
        var value = ParseLong(name, RequiredString(name));
        if (!allowed.Contains((int)Math.Clamp(value, int.MinValue, int.MaxValue)))
            throw DomainErrors.OutOfRange(name, $"must be {string.Join(" or ", allowed)}");
        return (int)value;
    }

    /// <summary>A Unix time in ms (a value below 10^11 is taken as seconds); null when absent or 0.</summary>
    public long? OptionalTime(string name)
    {
        var raw = Get(name);
        if (string.IsNullOrEmpty(raw)) return null;
        var value = ParseLong(name, raw);
        if (value < 0) throw DomainErrors.OutOfRange(name, "must not be negative");
        if (value == 0) return null;
        if (value < 100_000_000_000L) return value * 1000;
        if (value > 100_000_000_000_000L) throw DomainErrors.OutOfRange(name, "is too far in the future");
        return value;
    }

    /// <summary>The token's user; refuses when no token or a bad one was given.</summary>
    public async ValueTask<long> RequireUserAsync() => (await CallerAsync()).UserOrThrow();

    /// <summary>The token's user, null without a token; a bad token, or one whose user is gone, is refused.</summary>
    public async ValueTask<long?> ViewerAsync() => (await CallerAsync()).ViewerOrThrow();

    private async ValueTask<Caller> CallerAsync()
    {
        // A token in a multipart body: checked here (query and body must agree, as for any parameter).
        if (!_formSeenByAuthentication && _form.TryGetValue("token", out var field) && field.Length > 0)
            return await _callers.AuthenticateAsync(Http, Get("token"));
        return await _callers.CurrentAsync(Http);
    }

    /// <summary>The user a list is about: user_id, or the token's user when it is missing or 0.</summary>
    public async ValueTask<(long Subject, long? Viewer)> SubjectAndViewerAsync()
    {
        var viewer = await ViewerAsync();
        var subject = OptionalId("user_id") ?? viewer ?? throw DomainErrors.Missing("user_id");
        return (subject, viewer);
    }

    /// <summary>The edge's integer rule (<see cref="DecimalInteger"/>), the same for the query string and the form.</summary>
    private static long ParseLong(string name, string raw) =>
        DecimalInteger.TryParse(raw, out var value) ? value : throw DomainErrors.NotANumber(name, raw);

    /// <summary>A parameter repeated with the same value is that value; with different values it is refused.</summary>
    private static string Single(string name, StringValues values)
    {
        var first = values[0] ?? "";
        for (var i = 1; i < values.Count; i++)
        {
            var other = values[i] ?? "";
            if (other.Length > 0 && first.Length > 0 && other != first)
                throw DomainErrors.Invalid(name, "was given twice with different values");
            if (first.Length == 0) first = other;
        }
        return first;
    }
}
