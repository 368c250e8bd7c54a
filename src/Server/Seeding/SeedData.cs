using Bogus;
using Tiktok.Core.Data;

namespace Tiktok.Server.Seeding;

/// <summary>
/// Everything the seed writes, generated in memory first so that every denormalised count
/// is computed from the very rows that are inserted. Index i stands for id i + 1.
/// </summary>
public sealed class SeedData
{
    public required long Now { get; init; }

    // users
    public required string[] UserNames { get; init; }
    public required string[] UserSignatures { get; init; }
    public required long[] UserCreatedAt { get; init; }
    public required long[] FollowCount { get; init; }
    public required long[] FollowerCount { get; init; }
    public required long[] TotalFavorited { get; init; }
    public required long[] WorkCount { get; init; }
    public required long[] FavoriteCount { get; init; }

    // videos
    public required int[] VideoAuthor { get; init; }
    public required long[] VideoCreatedAt { get; init; }
    public required string[] VideoTitles { get; init; }
    public required long[] VideoFavoriteCount { get; init; }
    public required long[] VideoCommentCount { get; init; }

    /// <summary>Likes as user * videoCount + video, sorted (so the primary key is filled in order).</summary>
    public required long[] Likes { get; init; }

    /// <summary>Follows as follower * userCount + followee, sorted.</summary>
    public required long[] Follows { get; init; }

    /// <summary>Comments in publish order: comment i has id i + 1, so ids increase with time.</summary>
    public required int[] CommentVideo { get; init; }
    public required int[] CommentUser { get; init; }
    public required long[] CommentCreatedAt { get; init; }
    public required string[] CommentContent { get; init; }

    /// <summary>Messages in send order, unique and increasing times.</summary>
    public required int[] MessageFrom { get; init; }
    public required int[] MessageTo { get; init; }
    public required long[] MessageCreatedAt { get; init; }
    public required string[] MessageContent { get; init; }

    public int UserCount => UserNames.Length;
    public int VideoCount => VideoAuthor.Length;
    public long FriendPairs { get; init; }

    private const long Day = 24L * 3600 * 1000;

    public static SeedData Generate(SeedOptions o, long now, ISeedProgress progress)
    {
        var rng = new Random(o.RandomSeed);
        var faker = new Faker("en") { Random = new Randomizer(o.RandomSeed) };
        var users = checked((int)o.Users);
        var videos = checked((int)o.Videos);

        // Users: joined 90 to 60 days ago, in id order.
        var names = new string[users];
        var signatures = new string[users];
        var userCreated = new long[users];
        using (var step = progress.Start("generate users", users))
        {
            var taken = new HashSet<string>(users, StringComparer.Ordinal);
            var joinStep = Math.Max(1, 30 * Day / Math.Max(1, users));
            for (var i = 0; i < users; i++)
            {
                names[i] = UniqueName(faker.Internet.UserName(), i, taken);
                signatures[i] = Clip(faker.Company.CatchPhrase(), Limits.SignatureMax);
                userCreated[i] = now - 90 * Day + i * joinStep;
                if ((i & 1023) == 1023) step.Advance(1024);
            }
        }

        // Videos: published over the last 30 days, times unique and increasing with the id.
        var author = new int[videos];
        var videoCreated = new long[videos];
        var titles = new string[videos];
        using (var step = progress.Start("generate videos", videos))
        {
            var window = 30 * Day;
            var gap = Math.Max(1, window / Math.Max(1, videos));
            var start = now - 1000 - gap * videos;
            for (var i = 0; i < videos; i++)
            {
                videoCreated[i] = start + gap * i + rng.NextInt64(gap);
                author[i] = Skewed(rng, users, 1.3); // a few prolific authors
                titles[i] = Clip(faker.Lorem.Sentence(3, 5), Limits.TitleMax);
                if ((i & 1023) == 1023) step.Advance(1024);
            }
        }

        // Likes: distinct (user, video) pairs, recent videos liked a little more.
        long[] likes;
        using (var step = progress.Start("generate likes", o.LikeCount))
            likes = SamplePairs(rng, o.LikeCount, users, videos, sameSetNoSelf: false,
                () => rng.Next(users), () => videos - 1 - Skewed(rng, videos, 1.2), step);

        // Follows: distinct, nobody follows themself, low ids are the popular ones.
        long[] follows;
        using (var step = progress.Start("generate follows", o.FollowCount))
            follows = SamplePairs(rng, o.FollowCount, users, users, sameSetNoSelf: true,
                () => rng.Next(users), () => Skewed(rng, users, 1.5), step);

        // Comments: any user on any video, after the video was published; ids follow time.
        var commentCount = checked((int)o.CommentCount);
        var commentVideo = new int[commentCount];
        var commentUser = new int[commentCount];
        var commentCreated = new long[commentCount];
        var commentContent = new string[commentCount];
        using (var step = progress.Start("generate comments", commentCount))
        {
            for (var i = 0; i < commentCount; i++)
            {
                var v = videos - 1 - Skewed(rng, videos, 1.2);
                commentVideo[i] = v;
                commentUser[i] = rng.Next(users);
                commentCreated[i] = videoCreated[v] + rng.NextInt64(now - videoCreated[v]);
                commentContent[i] = Clip(faker.Lorem.Sentence(4, 12), Limits.CommentMax);
                if ((i & 1023) == 1023) step.Advance(1024);
            }
            var order = Enumerable.Range(0, commentCount).ToArray();
            Array.Sort((long[])commentCreated.Clone(), order);
            Permute(order, ref commentVideo, ref commentUser, ref commentCreated, ref commentContent);
        }

        // Messages: mostly between friends (mutual follows) when there are any, else any two people.
        var friends = MutualPairs(follows, users);
        var messageCount = checked((int)o.MessageCount);
        var from = new int[messageCount];
        var to = new int[messageCount];
        var sent = new long[messageCount];
        var content = new string[messageCount];
        using (var step = progress.Start("generate messages", messageCount))
        {
            var window = 7 * Day;
            var gap = Math.Max(1, window / Math.Max(1, messageCount));
            var start = now - 1000 - gap * messageCount;
            for (var i = 0; i < messageCount; i++)
            {
                int a, b;
                if (friends.Count > 0 && rng.NextDouble() < 0.7)
                {
                    var pair = friends[rng.Next(friends.Count)];
                    (a, b) = rng.Next(2) == 0 ? (pair.A, pair.B) : (pair.B, pair.A);
                }
                else
                {
                    a = rng.Next(users);
                    b = rng.Next(users - 1);
                    if (b >= a) b++;
                }
                from[i] = a;
                to[i] = b;
                sent[i] = start + gap * i + rng.NextInt64(gap);
                content[i] = Clip(faker.Lorem.Sentence(2, 10), Limits.MessageMax);
                if ((i & 1023) == 1023) step.Advance(1024);
            }
        }

        // Denormalised counts, from the rows above.
        var followCount = new long[users];
        var followerCount = new long[users];
        var totalFavorited = new long[users];
        var workCount = new long[users];
        var favoriteCount = new long[users];
        var videoFavorites = new long[videos];
        var videoComments = new long[videos];
        foreach (var a in author) workCount[a]++;
        foreach (var key in likes)
        {
            var (u, v) = ((int)(key / videos), (int)(key % videos));
            favoriteCount[u]++;
            videoFavorites[v]++;
            totalFavorited[author[v]]++;
        }
        foreach (var key in follows)
        {
            followCount[key / users]++;
            followerCount[key % users]++;
        }
        foreach (var v in commentVideo) videoComments[v]++;

        return new SeedData
        {
            Now = now,
            UserNames = names,
            UserSignatures = signatures,
            UserCreatedAt = userCreated,
            FollowCount = followCount,
            FollowerCount = followerCount,
            TotalFavorited = totalFavorited,
            WorkCount = workCount,
            FavoriteCount = favoriteCount,
            VideoAuthor = author,
            VideoCreatedAt = videoCreated,
            VideoTitles = titles,
            VideoFavoriteCount = videoFavorites,
            VideoCommentCount = videoComments,
            Likes = likes,
            Follows = follows,
            CommentVideo = commentVideo,
            CommentUser = commentUser,
            CommentCreatedAt = commentCreated,
            CommentContent = commentContent,
            MessageFrom = from,
            MessageTo = to,
            MessageCreatedAt = sent,
            MessageContent = content,
            FriendPairs = friends.Count,
        };
    }

    /// <summary>0..n-1, with small values more likely the larger <paramref name="power"/> is (1 = uniform).</summary>
    private static int Skewed(Random rng, int n, double power) =>
        Math.Min(n - 1, (int)(n * Math.Pow(rng.NextDouble(), power)));

    /// <summary>
    /// <paramref name="count"/> distinct pairs a * bCount + b, sorted. Sparse requests are drawn with the
    /// given (possibly skewed) pickers, falling back to uniform ones when collisions pile up; dense ones
    /// (over half of all pairs) enumerate every pair and keep a random subset.
    /// </summary>
    private static long[] SamplePairs(Random rng, long count, int aCount, int bCount, bool sameSetNoSelf,
        Func<int> pickA, Func<int> pickB, ISeedStep step)
    {
        if (count == 0) return [];
        var capacity = (long)aCount * bCount - (sameSetNoSelf ? aCount : 0);
        if (count * 2 > capacity)
        {
            var all = new long[capacity];
            long n = 0;
            for (long a = 0; a < aCount; a++)
                for (long b = 0; b < bCount; b++)
                    if (!sameSetNoSelf || a != b) all[n++] = a * bCount + b;
            for (long i = 0; i < count; i++)
            {
                var j = i + rng.NextInt64(capacity - i);
                (all[i], all[j]) = (all[j], all[i]);
                if ((i & 0xFFFF) == 0xFFFF) step.Advance(0x10000);
            }
            var chosen = all[..(int)count];
            Array.Sort(chosen);
            return chosen;
        }

        var set = new HashSet<long>(checked((int)count));
        var misses = 0;
        while (set.Count < count)
        {
            int a, b;
            if (misses < 20) { a = pickA(); b = pickB(); }
            else { a = rng.Next(aCount); b = rng.Next(bCount); }
            if (sameSetNoSelf && a == b) continue;
            if (set.Add((long)a * bCount + b))
            {
                misses = 0;
                if ((set.Count & 0xFFFF) == 0) step.Advance(0x10000);
            }
            else misses++;
        }
        var result = set.ToArray();
        Array.Sort(result);
        return result;
    }

    private static List<(int A, int B)> MutualPairs(long[] sortedFollows, int users)
    {
        var pairs = new List<(int, int)>();
        foreach (var key in sortedFollows)
        {
            var (a, b) = ((int)(key / users), (int)(key % users));
            if (a < b && Array.BinarySearch(sortedFollows, (long)b * users + a) >= 0) pairs.Add((a, b));
        }
        return pairs;
    }

    private static void Permute(int[] order, ref int[] video, ref int[] user, ref long[] created, ref string[] content)
    {
        var (v2, u2, c2, t2) = (new int[order.Length], new int[order.Length], new long[order.Length], new string[order.Length]);
        for (var i = 0; i < order.Length; i++)
        {
            var j = order[i];
            (v2[i], u2[i], c2[i], t2[i]) = (video[j], user[j], created[j], content[j]);
        }
        (video, user, created, content) = (v2, u2, c2, t2);
    }

    /// <summary>A unique user name of at most 32 characters: Bogus's, or with the user's number appended.</summary>
    private static string UniqueName(string candidate, int index, HashSet<string> taken)
    {
        candidate = Clip(candidate.Replace(' ', '_'), Limits.UsernameMax);
        if (taken.Add(candidate)) return candidate;
        for (var attempt = 0; ; attempt++)
        {
            var suffix = attempt == 0 ? $"_{index + 1}" : $"_{index + 1}_{attempt}";
            var name = Clip(candidate, Limits.UsernameMax - suffix.Length) + suffix;
            if (taken.Add(name)) return name;
        }
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd();
}
