using System.Globalization;

namespace Tiktok.Server.Seeding;

/// <summary>The <c>seed</c> command's arguments.</summary>
public sealed class SeedOptions
{
    public const string DefaultPassword = "password1";

    public long Users { get; private set; } = 100;
    public long Videos { get; private set; } = 1_000;
    public long? Likes { get; private set; }
    public long? Comments { get; private set; }
    public long? Follows { get; private set; }
    public long? Messages { get; private set; }
    public string? DataDir { get; private set; }
    public bool Force { get; private set; }
    public bool Plain { get; private set; }
    public int RandomSeed { get; private set; } = 42;
    public string Password { get; private set; } = DefaultPassword;
    public string? Clip { get; private set; }
    public bool Help { get; private set; }

    /// <summary>Arguments not ours (e.g. <c>--Tiktok:PasswordWorkFactor=10</c>), passed on to configuration.</summary>
    public List<string> ConfigArgs { get; } = [];

    // Defaults for the optional counts scale with the required ones and never exceed what is possible.
    public long LikeCount => Math.Min(Likes ?? Videos * 10, Users * Videos);
    public long CommentCount => Users == 0 || Videos == 0 ? 0 : Comments ?? Videos;
    public long FollowCount => Math.Min(Follows ?? Users * 10, Users * Math.Max(0, Users - 1));
    public long MessageCount => Users < 2 ? 0 : Messages ?? Users * 10;

    public const string Usage = """
        usage: seed --users N --videos M [--likes L] [--comments C] [--follows F] [--messages K]
                    [--data-dir DIR] [--force] [--seed S] [--password P] [--clip FILE] [--plain]

        Fills the configured database with generated users, videos, likes, comments, follows and
        messages that the server then serves: SQLite in the data directory, or PostgreSQL with
        --Tiktok:Database:Provider=PostgreSQL --Tiktok:Database:ConnectionString=... (or the
        Tiktok__Database__* variables). Counts accept suffixes k and m (e.g. 100k, 1m) and 1e5 notation.

          --users N       users (default 100); all share one password
          --videos M      videos (default 1000), all pointing at one clip put in the media store (local or S3)
          --likes L       likes, distinct (user, video) pairs (default 10 per video)
          --comments C    comments (default 1 per video)
          --follows F     follows, distinct, never oneself (default 10 per user)
          --messages K    chat messages (default 10 per user)
          --data-dir DIR  data directory: the SQLite file, local media, work files
                          (default: configuration Tiktok:DataDir / env Tiktok__DataDir, ./data)
          --force         empty a database that already holds data, then seed it
          --seed S        random seed (default 42); the same arguments give the same data
          --password P    every user's password (default "password1")
          --clip FILE     the video file to use (default tests/fixtures/sample.mp4, else one made by ffmpeg)
          --plain         plain progress lines even on a terminal
        """;

    public static SeedOptions Parse(string[] args)
    {
        var o = new SeedOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            string Value()
            {
                if (inline is not null) return inline;
                if (i + 1 >= args.Length) throw new SeedArgumentException($"{arg} needs a value");
                return args[++i];
            }

            switch (arg)
            {
                case "--users": o.Users = Count(arg, Value()); break;
                case "--videos": o.Videos = Count(arg, Value()); break;
                case "--likes": o.Likes = Count(arg, Value()); break;
                case "--comments": o.Comments = Count(arg, Value()); break;
                case "--follows": o.Follows = Count(arg, Value()); break;
                case "--messages": o.Messages = Count(arg, Value()); break;
                case "--data-dir": o.DataDir = Value(); break;
                case "--seed": o.RandomSeed = (int)Count(arg, Value()); break;
                case "--password": o.Password = Value(); break;
                case "--clip": o.Clip = Value(); break;
                case "--force": o.Force = true; break;
                case "--plain": o.Plain = true; break;
                case "-h" or "--help": o.Help = true; break;
                default:
                    // Configuration overrides the way the server takes them: --Section:Key=value.
                    if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':'))
                        o.ConfigArgs.Add(inline is null ? arg : $"{arg}={inline}");
                    else
                        throw new SeedArgumentException($"unknown argument '{args[i]}'");
                    break;
            }
        }

        if (o.Videos > 0 && o.Users == 0) throw new SeedArgumentException("videos need authors: --users must be at least 1");
        if (o.Password.Length is < Core.Data.Limits.PasswordMin or > Core.Data.Limits.PasswordMax)
            throw new SeedArgumentException($"--password must be {Core.Data.Limits.PasswordMin}..{Core.Data.Limits.PasswordMax} characters");
        if (o.Users > 10_000_000 || o.Videos > 100_000_000)
            throw new SeedArgumentException("at most 10^7 users and 10^8 videos");
        return o;
    }

    private static long Count(string name, string text)
    {
        var t = text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim().ToLowerInvariant();
        double factor = 1;
        if (t.EndsWith('k')) { factor = 1e3; t = t[..^1]; }
        else if (t.EndsWith('m')) { factor = 1e6; t = t[..^1]; }
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 ||
            double.IsNaN(value) || value * factor > 1e12 || Math.Abs(value * factor - Math.Round(value * factor)) > 1e-9)
            throw new SeedArgumentException($"{name}: '{text}' is not a non-negative whole number");
        return (long)Math.Round(value * factor);
    }
}
