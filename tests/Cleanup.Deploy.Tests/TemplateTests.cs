using System.Reflection;
using System.Text.RegularExpressions;
using Cleanup.Options;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>template.yaml and the code must agree: the handler it names and the variables it sets.</summary>
public partial class TemplateTests
{
    private static readonly string _template = File.ReadAllText(Repo.Path("template.yaml"));

    [Fact]
    public void Template_Handler_NamesAPublicStreamHandlerTheManagedRuntimeCanCreate()
    {
        var handler = HandlerPattern().Match(_template).Groups[1].Value;
        var parts = handler.Split("::");

        Assert.Equal(3, parts.Length);
        var assembly = typeof(Function).Assembly;
        Assert.Equal(parts[0], assembly.GetName().Name);
        var type = assembly.GetType(parts[1]);
        Assert.NotNull(type);
        Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
        var method = type.GetMethod(parts[2], BindingFlags.Public | BindingFlags.Instance, [typeof(Stream)]);
        Assert.NotNull(method);
        Assert.Equal(typeof(Task<Stream>), method.ReturnType);
    }

    [Fact]
    public void Template_RuntimeAndCodeUri_PointAtTheFunctionProject()
    {
        Assert.Matches(@"Runtime:\s*dotnet10\b", _template);
        var codeUri = CodeUriPattern().Match(_template).Groups[1].Value;
        Assert.True(File.Exists(Repo.Path(Path.Combine(codeUri, "Cleanup.csproj"))), codeUri);
    }

    [Fact]
    public void Template_SetsExactlyTheVariablesTheCodeReads()
    {
        var read = typeof(EnvironmentOptions)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("Variable", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);
        var set = VariablePattern().Matches(_template).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(read, set);
    }

    [GeneratedRegex(@"Handler:\s*(\S+)")]
    private static partial Regex HandlerPattern();

    [GeneratedRegex(@"CodeUri:\s*(\S+)")]
    private static partial Regex CodeUriPattern();

    [GeneratedRegex(@"^\s+(CLEANUP_[A-Z_]+):", RegexOptions.Multiline)]
    private static partial Regex VariablePattern();
}
