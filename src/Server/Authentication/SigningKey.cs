using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Tiktok.Core;

namespace Tiktok.Server.Authentication;

/// <summary>
/// The HMAC key for tokens: <c>Tiktok:SigningKey</c> when configured (at least 32 bytes),
/// otherwise generated once and kept in the data directory (mode 600), never in code.
/// </summary>
public static class SigningKey
{
    public const string FileName = "signing-key";

    public static SymmetricSecurityKey Load(TiktokOptions options)
    {
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            var configured = Encoding.UTF8.GetBytes(options.SigningKey);
            if (configured.Length < 32)
                throw new InvalidOperationException("Tiktok:SigningKey must be at least 32 bytes long.");
            return new SymmetricSecurityKey(configured);
        }

        Directory.CreateDirectory(options.DataDir);
        var path = Path.Combine(options.DataDir, FileName);
        if (!File.Exists(path))
        {
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
            try
            {
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var file = new FileStream(path, create);
                file.Write(Encoding.ASCII.GetBytes(fresh));
                file.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance sharing the directory wrote it first; use theirs.
            }
        }
        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }
}
