using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Tiktok.Server.Seeding;

public static class SeedProgress
{
    /// <summary>Reports nothing.</summary>
    public static readonly ISeedProgress None = new NoProgress();

    private sealed class NoProgress : ISeedProgress
    {
        public ISeedStep Start(string name, long total) => new Step();
        private sealed class Step : ISeedStep
        {
            public void Advance(long items) { }
            public void Dispose() { }
        }
    }

    /// <summary>Runs <paramref name="work"/> with a progress display suited to the output.</summary>
    public static T Run<T>(bool plain, Func<ISeedProgress, T> work)
    {
        var interactive = !plain && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive) return work(new PlainProgress(Console.Out));

        return AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .Start(ctx => work(new SpectreProgress(ctx)));
    }

    private sealed class SpectreProgress(ProgressContext ctx) : ISeedProgress
    {
        public ISeedStep Start(string name, long total)
        {
            var task = ctx.AddTask(name.PadRight(20), maxValue: Math.Max(1, total));
            return new Step(task);
        }

        private sealed class Step(ProgressTask task) : ISeedStep
        {
            public void Advance(long items) => task.Increment(items);

            public void Dispose()
            {
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }
    }

    /// <summary>A line when a step starts, about every two seconds while it runs, and when it ends.</summary>
    private sealed class PlainProgress(TextWriter output) : ISeedProgress
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public ISeedStep Start(string name, long total)
        {
            Write($"{name}: {N(total)} to do");
            return new Step(this, name, total);
        }

        private void Write(string line)
        {
            output.WriteLine($"[{_clock.Elapsed.TotalSeconds,7:0.0}s] {line}");
            output.Flush();
        }

        private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

        private sealed class Step(PlainProgress owner, string name, long total) : ISeedStep
        {
            private readonly Stopwatch _since = Stopwatch.StartNew();
            private readonly Stopwatch _lastLine = Stopwatch.StartNew();
            private long _done;

            public void Advance(long items)
            {
                _done += items;
                if (_lastLine.Elapsed < TimeSpan.FromSeconds(2)) return;
                _lastLine.Restart();
                var percent = total == 0 ? 100 : 100.0 * _done / total;
                owner.Write($"{name}: {N(_done)}/{N(total)} ({percent:0}%)");
            }

            public void Dispose() =>
                owner.Write($"{name}: done, {N(total)} in {_since.Elapsed.TotalSeconds:0.00}s");
        }
    }
}
