using Xunit.Abstractions;
using Xunit.Sdk;

namespace Tiktok.Tests.Infrastructure;

/// <summary>
/// A theory of a class that runs once per database (see <see cref="TestDatabases"/>): skipped or
/// run as its concrete class's <see cref="RequiresServerAttribute"/> says, like <see cref="DatabaseFactAttribute"/>.
/// </summary>
[XunitTestCaseDiscoverer("Tiktok.Tests.Infrastructure.DatabaseTheoryDiscoverer", "Tiktok.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseTheoryAttribute : TheoryAttribute;

public sealed class DatabaseTheoryDiscoverer(IMessageSink diagnostics) : TheoryDiscoverer(diagnostics)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo theory)
    {
        var reason = RequiresServerAttribute.SkipReasonFor(method);
        return reason is null
            ? base.Discover(options, method, theory)
            : [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, reason)];
    }
}
