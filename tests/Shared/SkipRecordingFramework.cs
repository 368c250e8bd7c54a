using System.Collections.Concurrent;
using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Tiktok.Testing;

/// <summary>
/// xUnit's own test framework, plus a record of the tests skipped in the run and why, written for the
/// skip summary at the end of <c>dotnet test</c> (<see cref="SkipReport"/>, tests/Directory.Build.targets).
/// </summary>
public sealed class SkipRecordingFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor : XunitTestFrameworkExecutor
    {
        private readonly string _assembly;

        public Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformation, IMessageSink diagnostics)
            : base(assemblyName, sourceInformation, diagnostics) => _assembly = assemblyName.Name ?? "tests";

        protected override void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink,
            ITestFrameworkExecutionOptions executionOptions) =>
            base.RunTestCases(testCases, new Recorder(_assembly, executionMessageSink), executionOptions);
    }

    /// <summary>Passes every message on; counts skips, and writes the report when the assembly is done.</summary>
    private sealed class Recorder(string assembly, IMessageSink next) : LongLivedMarshalByRefObject, IMessageSink
    {
        private readonly ConcurrentDictionary<string, int> _skips = new();

        public bool OnMessage(IMessageSinkMessage message)
        {
            switch (message)
            {
                case ITestAssemblyStarting:
                    SkipReport.Clear();
                    break;
                case ITestSkipped skipped:
                    _skips.AddOrUpdate(skipped.Reason ?? "no reason given", 1, (_, n) => n + 1);
                    break;
                case ITestAssemblyFinished:
                    SkipReport.Write(assembly, _skips);
                    break;
            }
            return next.OnMessage(message);
        }
    }
}
