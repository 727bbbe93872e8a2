using System.Globalization;
using System.Text.RegularExpressions;
using Cleanup.Bench.Sweep;

namespace Cleanup.Bench.Tests;

public partial class SweepBenchTests
{
    [Fact]
    public async Task SweepBench_TwentyTasks_ExitsZeroAndMeetsTheCallFloor()
    {
        using var output = new StringWriter();

        var exit = await SweepBench.RunAsync(20, output, default);

        var text = output.ToString();
        Assert.True(exit == 0, text);
        var ratio = RatioLine().Match(text);
        Assert.True(ratio.Success, text);
        var (calls, floor) = (int.Parse(ratio.Groups["calls"].Value, CultureInfo.InvariantCulture), int.Parse(ratio.Groups["floor"].Value, CultureInfo.InvariantCulture));
        // 20 tasks over 4 clusters, 4 stopped: 1 node page + 1 activation page + 4 DescribeTasks + 4 proof reads + 8 deletions
        // + the lease's read, claim and release.
        Assert.Equal(21, floor);
        Assert.True(calls <= floor * SweepBench.CallRatioTarget, text);
        Assert.Contains("peak RSS of the sweep process:", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^calls (?<calls>\d+) vs floor F (?<floor>\d+): \d+\.\d\d \(target", RegexOptions.Multiline)]
    private static partial Regex RatioLine();
}
