using Microsoft.Extensions.Options;

namespace Tiktok.Core.Accounts;

/// <summary>
/// bcrypt hashing at <c>Tiktok:PasswordWorkFactor</c> (SHA-384 pre-hash, so no 72-byte truncation), and the
/// decoy hash of the same cost that a log-in with an unknown name is verified against.
/// </summary>
public sealed class Passwords
{
    private readonly Lazy<string> _decoy;

    public Passwords(IOptions<TiktokOptions> options)
    {
        WorkFactor = options.Value.PasswordWorkFactor;
        _decoy = new Lazy<string>(() => BCrypt.Net.BCrypt.EnhancedHashPassword(Guid.NewGuid().ToString("N"), WorkFactor));
    }

    /// <summary>The cost of every hash made here, the decoy's included.</summary>
    public int WorkFactor { get; }

    /// <summary>What an unknown name is verified against: a hash of a random secret at <see cref="WorkFactor"/>, made once.</summary>
    public string Decoy => _decoy.Value;

    public string Hash(string password) => BCrypt.Net.BCrypt.EnhancedHashPassword(password, WorkFactor);

    /// <summary>One bcrypt verification, against <paramref name="hash"/> or, when there is none, the decoy; false for the decoy.</summary>
    public bool Verify(string password, string? hash) =>
        BCrypt.Net.BCrypt.EnhancedVerify(password, hash ?? Decoy) && hash is not null;

    /// <summary>The cost a bcrypt hash was made with (<c>$2a$NN$...</c>), or null when it is not one.</summary>
    public static int? CostOf(string hash) =>
        hash.Length > 7 && hash[0] == '$' && hash[3] == '$' && hash[6] == '$' && int.TryParse(hash.AsSpan(4, 2), out var cost)
            ? cost
            : null;
}
