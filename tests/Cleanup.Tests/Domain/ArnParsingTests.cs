using System.Text;
using System.Text.RegularExpressions;
using Cleanup.Domain;

namespace Cleanup.Tests.Domain;

/// <summary>
/// The span parsers of task and cluster ARNs, and their equivalence with the regexes they replaced: the same
/// language, except that nothing may follow the id (the regexes' <c>$</c> let a trailing newline through).
/// </summary>
public partial class ArnParsingTests
{
    private const string Head = "arn:aws:ecs:us-east-1:123456789012:";

    [Fact]
    public void TaskArn_LongFormat_ReadsEveryPart()
    {
        var arn = TaskArn.TryParse(Head + "task/shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e");

        Assert.NotNull(arn);
        Assert.Equal(Head + "task/shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e", arn.Value);
        Assert.Equal("aws", arn.Partition);
        Assert.Equal("us-east-1", arn.Region);
        Assert.Equal("123456789012", arn.Account);
        Assert.Equal("shells", arn.ClusterName);
        Assert.Equal("5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e", arn.TaskId);
    }

    [Fact]
    public void TaskArn_OldFormat_HasNoClusterName()
    {
        var arn = TaskArn.TryParse(Head + "task/1dc5c17a-422b-4dc4-b493-371970c6c4d6");

        Assert.NotNull(arn);
        Assert.Null(arn.ClusterName);
        Assert.Equal("1dc5c17a-422b-4dc4-b493-371970c6c4d6", arn.TaskId);
    }

    [Theory]
    [InlineData("aws", "us-east-1")]
    [InlineData("aws", "eu-central-1")]
    [InlineData("aws", "ap-southeast-2")]
    [InlineData("aws-cn", "cn-north-1")]
    [InlineData("aws-cn", "cn-northwest-1")]
    [InlineData("aws-us-gov", "us-gov-west-1")]
    [InlineData("aws-iso-b", "us-isob-east-1")]
    public void Arns_PartitionsAndRegions_AreRead(string partition, string region)
    {
        var task = TaskArn.TryParse($"arn:{partition}:ecs:{region}:210987654321:task/c/id");
        var cluster = ClusterArn.TryParse($"arn:{partition}:ecs:{region}:210987654321:cluster/c");

        Assert.Equal((partition, region, "210987654321"), (task?.Partition, task?.Region, task?.Account));
        Assert.Equal((partition, region, "210987654321", "c"), (cluster?.Partition, cluster?.Region, cluster?.Account, cluster?.ClusterName));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(255, 64)]
    public void TaskArn_ClusterAndIdAtTheirLengthLimits_IsRead(int clusterLength, int idLength)
    {
        var cluster = new string('C', clusterLength - 1) + "_";
        var id = new string('f', idLength - 1) + "-";

        var arn = TaskArn.TryParse($"{Head}task/{cluster}/{id}");

        Assert.Equal((cluster, id), (arn?.ClusterName, arn?.TaskId));
        Assert.Equal(cluster, ClusterArn.TryParse($"{Head}cluster/{cluster}")?.ClusterName);
    }

    [Theory]
    [InlineData(Head + "task/shells/abc\n")]
    [InlineData(Head + "task/abc\n")]
    [InlineData(Head + "task/shells/abc ")]
    [InlineData(" " + Head + "task/shells/abc")]
    [InlineData(Head + "task/shells/abc\r\n")]
    [InlineData("")]
    [InlineData("arn::ecs:us-east-1:123456789012:task/shells/abc")]
    [InlineData("arn:aws::us-east-1:123456789012:task/shells/abc")]
    [InlineData("arn:aws:ecs::123456789012:task/shells/abc")]
    [InlineData("arn:aws:ecs:us-east-1::task/shells/abc")]
    [InlineData(Head + "task/")]
    [InlineData(Head + "task/shells/")]
    [InlineData(Head + "task//abc")]
    [InlineData(Head + "task/a/b/c")]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:task/shells/abc")]
    [InlineData("arn:aws:ecs:us-east-1:12345678901:task/shells/abc")]
    [InlineData("arn:aws:ecs:us-east-1:1234567890123:task/shells/abc")]
    [InlineData("arn:aws:ecs:us-east-1:12345678901a:task/shells/abc")]
    [InlineData("arn:AWS:ecs:us-east-1:123456789012:task/shells/abc")]
    [InlineData("arn:aws-:ecs:us-east-1:123456789012:task/shells/abc")]
    [InlineData("arn:aws--cn:ecs:us-east-1:123456789012:task/shells/abc")]
    [InlineData("arn:awscn:ecs:us-east-1:123456789012:task/shells/abc")]
    [InlineData("arn:aws:ecs:US-east-1:123456789012:task/shells/abc")]
    [InlineData("arn:aws:ecs:us-east:123456789012:task/shells/abc")]
    [InlineData("arn:aws:ecs:us-1:123456789012:task/shells/abc")]
    [InlineData("arn:aws:ecs:use-east-1:123456789012:task/shells/abc")]
    [InlineData("arn:aws:ecs:us--east-1:123456789012:task/shells/abc")]
    [InlineData("arn:aws:ecs:us-east-1a:123456789012:task/shells/abc")]
    [InlineData(Head + "cluster/shells")]
    [InlineData(Head + "tasks/shells/abc")]
    [InlineData(Head + "task/shells.prod/abc")]
    [InlineData(Head + "task/shells/ab_c")]
    [InlineData(Head + "task/shells/ab:c")]
    [InlineData(Head + "task/shélls/abc")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task/shells/abc:1")]
    public void TaskArn_NotExactlyTheGrammar_IsRejected(string value) =>
        Assert.Null(TaskArn.TryParse(value));

    [Theory]
    [InlineData(Head + "cluster/shells\n")]
    [InlineData(Head + "cluster/shells ")]
    [InlineData(Head + "cluster/")]
    [InlineData(Head + "cluster/a/b")]
    [InlineData(Head + "cluster/shells.prod")]
    [InlineData(Head + "task/shells")]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:cluster/shells")]
    [InlineData("arn:aws:ecs:us-east-1:12345678901:cluster/shells")]
    [InlineData("arn:aws:ecs::123456789012:cluster/shells")]
    public void ClusterArn_NotExactlyTheGrammar_IsRejected(string value) =>
        Assert.Null(ClusterArn.TryParse(value));

    [Fact]
    public void Arns_TooLongClusterNameOrId_AreRejected()
    {
        Assert.Null(TaskArn.TryParse($"{Head}task/{new string('c', 256)}/abc"));
        Assert.Null(TaskArn.TryParse($"{Head}task/shells/{new string('f', 65)}"));
        Assert.Null(ClusterArn.TryParse($"{Head}cluster/{new string('c', 256)}"));
    }

    [Fact]
    public void Arns_Null_IsRejected()
    {
        Assert.Null(TaskArn.TryParse(null));
        Assert.Null(ClusterArn.TryParse(null));
    }

    [Fact]
    public void Parsers_GeneratedStrings_AgreeWithTheFormerRegexesExceptOnATrailingNewline()
    {
        var random = new Random(1126);
        var (accepted, rejected, newlines) = (0, 0, 0);
        for (var i = 0; i < 20000; i++)
        {
            var value = Generate(random);
            var task = TaskArn.TryParse(value);
            var cluster = ClusterArn.TryParse(value);
            var taskMatch = FormerTaskPattern().Match(value);
            var clusterMatch = FormerClusterPattern().Match(value);
            if (value.EndsWith('\n') && (taskMatch.Success || clusterMatch.Success))
            {
                newlines++;
                Assert.True(task is null && cluster is null, Show(value));
                continue;
            }

            Assert.True(taskMatch.Success == task is not null, Show(value));
            Assert.True(clusterMatch.Success == cluster is not null, Show(value));
            if (task is not null)
            {
                var group = taskMatch.Groups["cluster"];
                Assert.Equal(
                    (value, taskMatch.Groups["partition"].Value, taskMatch.Groups["region"].Value, taskMatch.Groups["account"].Value, group.Success ? group.Value : null, taskMatch.Groups["id"].Value),
                    (task.Value, task.Partition, task.Region, task.Account, task.ClusterName, task.TaskId));
            }

            if (cluster is not null)
            {
                Assert.Equal(
                    (value, clusterMatch.Groups["partition"].Value, clusterMatch.Groups["region"].Value, clusterMatch.Groups["account"].Value, clusterMatch.Groups["name"].Value),
                    (cluster.Value, cluster.Partition, cluster.Region, cluster.Account, cluster.ClusterName));
            }

            (accepted, rejected) = task is not null || cluster is not null ? (accepted + 1, rejected) : (accepted, rejected + 1);
        }

        // The generator must exercise all three outcomes, or agreement proves little.
        Assert.True(accepted > 3000, $"accepted {accepted}");
        Assert.True(rejected > 3000, $"rejected {rejected}");
        Assert.True(newlines > 100, $"newlines {newlines}");
    }

    // Each part is drawn from its valid forms most of the time, so that whole valid ARNs are common, and otherwise
    // from near misses of it.
    private static readonly (string[] Valid, string[] Invalid) _partitions = (["aws", "aws-cn", "aws-us-gov", "aws-iso-b"], ["aws-", "AWS", "awscn", "aws--cn", "", "aws-c1"]);
    private static readonly (string[] Valid, string[] Invalid) _services = (["ecs"], ["ec2", "", "ECS"]);
    private static readonly (string[] Valid, string[] Invalid) _regions = (["us-east-1", "eu-west-3", "us-gov-west-1", "cn-north-1", "ab-c-0"], ["us-east", "use-east-1", "us--east-1", "US-east-1", "us-east-1a", "", "-us-east-1"]);
    private static readonly (string[] Valid, string[] Invalid) _accounts = (["123456789012", "000000000000"], ["12345678901", "1234567890123", "12345678901a", ""]);
    private static readonly (string[] Valid, string[] Invalid) _types = (["task/", "cluster/"], ["tasks/", "task", "", "Task/"]);
    private static readonly (string[] Valid, string[] Invalid) _names = (["shells", "a", "A_b-9"], ["shells.prod", "", "a/b", "sh ells", "é"]);
    private static readonly (string[] Valid, string[] Invalid) _suffixes = ([""], ["\n", "\n", " ", "\r\n", "/", ":", "\n\n"]);
    private const string Alphabet = "aA0_-:/. \n\té";

    private static string Generate(Random random)
    {
        var text = new StringBuilder("arn:")
            .Append(Pick(random, _partitions)).Append(':')
            .Append(Pick(random, _services)).Append(':')
            .Append(Pick(random, _regions)).Append(':')
            .Append(Pick(random, _accounts)).Append(':')
            .Append(Pick(random, _types));
        text.Append(random.Next(4) switch
        {
            0 => Pick(random, _names),
            1 => new string('c', random.Next(250, 258)),
            _ => Pick(random, _names) + "/" + (random.Next(5) == 0 ? new string('f', random.Next(62, 67)) : Id(random)),
        });
        text.Append(Pick(random, _suffixes));

        // A few random edits reach strings no list above thought of.
        for (var edits = random.Next(5) == 0 ? random.Next(1, 3) : 0; edits > 0; edits--)
        {
            var at = random.Next(text.Length + 1);
            var c = Alphabet[random.Next(Alphabet.Length)];
            _ = random.Next(3) switch
            {
                0 => text.Insert(at, c),
                1 when at < text.Length => text.Remove(at, 1),
                _ when at < text.Length => text.Remove(at, 1).Insert(at, c),
                _ => text,
            };
        }

        return text.ToString();
    }

    private static string Id(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString(random.Next(2) == 0 ? "N" : "D");
    }

    private static string Pick(Random random, (string[] Valid, string[] Invalid) values)
    {
        var pool = random.Next(10) == 0 ? values.Invalid : values.Valid;
        return pool[random.Next(pool.Length)];
    }

    private static string Show(string value) => value.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    [GeneratedRegex(@"^arn:(?<partition>aws(-[a-z]+)*):ecs:(?<region>[a-z]{2}(-[a-z]+)+-[0-9]+):(?<account>[0-9]{12}):task/((?<cluster>[A-Za-z0-9_-]{1,255})/)?(?<id>[A-Za-z0-9-]{1,64})$")]
    private static partial Regex FormerTaskPattern();

    [GeneratedRegex(@"^arn:(?<partition>aws(-[a-z]+)*):ecs:(?<region>[a-z]{2}(-[a-z]+)+-[0-9]+):(?<account>[0-9]{12}):cluster/(?<name>[A-Za-z0-9_-]{1,255})$")]
    private static partial Regex FormerClusterPattern();
}
