using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Validation;

namespace Tiktok.Core.Accounts;

/// <summary>Sign-up and log-in. Passwords are kept as bcrypt hashes (SHA-384 pre-hash, so no 72-byte truncation).</summary>
public sealed class Accounts(Writes writes, TiktokDbContext db, Passwords passwords, AuthAttempts attempts, TransientFailures transient)
{
    /// <param name="client">the caller's address, for the per-address attempt budget.</param>
    public async Task<long> RegisterAsync(string? username, string? password, string client, CancellationToken ct)
    {
        await attempts.EnterAsync(client);
        var name = TextRules.Username(Field.Username, username, Limits.UsernameMax);
        var secret = TextRules.Password(Field.Password, password, Limits.PasswordMin, Limits.PasswordMax);
        // Hash before taking the writer's turn: bcrypt is deliberately slow.
        var hash = await Task.Run(() => passwords.Hash(secret), ct);
        try
        {
            return await writes.RunAsync(async w =>
            {
                if (await w.Db.Users.AnyAsync(u => u.Name == name, ct)) throw DomainErrors.UsernameTaken(name);
                var user = new User { Name = name, PasswordHash = hash, CreatedAt = w.Now };
                w.Db.Users.Add(user);
                await w.Db.SaveChangesAsync(ct);
                return user.Id;
            }, ct);
        }
        catch (Exception e) when (!transient.Is(e) && (Writes.IsConflict(e) || e is DbUpdateException))
        {
            // Two sign-ups raced for one name; the unique index let exactly one through. (A lost
            // connection is not a taken name: it answers Unavailable.)
            throw DomainErrors.UsernameTaken(name);
        }
    }

    /// <summary>The user's id when the password matches; one answer for an unknown name and a wrong password.</summary>
    public async Task<long> LoginAsync(string? username, string? password, string client, CancellationToken ct)
    {
        await attempts.EnterAsync(client);
        if (string.IsNullOrEmpty(username)) throw DomainErrors.Missing(Field.Username);
        if (string.IsNullOrEmpty(password)) throw DomainErrors.Missing(Field.Password);
        if (username.Length > 4 * Limits.UsernameMax) throw DomainErrors.TooLong(Field.Username, Limits.UsernameMax);
        if (password.Length > Limits.PasswordMax) throw DomainErrors.TooLong(Field.Password, Limits.PasswordMax);
        // The name is looked up in the form sign-up stores (TextRules.NormalizeUsername); a name stored
        // before sign-up normalised is still found as it was typed.
        var name = TextRules.NormalizeUsername(username);
        if (name.Length > Limits.UsernameMax) throw DomainErrors.TooLong(Field.Username, Limits.UsernameMax);
        var user = await db.Users.AsNoTracking().Where(u => u.Name == name || u.Name == username)
            .OrderBy(u => u.Name == name ? 0 : 1)
            .Select(u => new { u.Id, u.PasswordHash }).FirstOrDefaultAsync(ct);
        // An unknown name is verified against the decoy (same cost), so it takes as long as a wrong password.
        var matches = await Task.Run(() => passwords.Verify(password, user?.PasswordHash), ct);
        if (user is null || !matches) throw DomainErrors.WrongCredentials();
        return user.Id;
    }
}
