using Cleanup.Bench.Burst;
using Cleanup.Emulator;

namespace Cleanup.Bench.Tests;

/// <summary>The bench's SQS model: receive counts, the visibility timeout and the redrive to the dead-letter queue.</summary>
public class QueueSimulatorTests
{
    [Fact]
    public void Queue_MessageNeverDeleted_ComesBackAfterTheVisibilityTimeoutAndMovesToDeadLettersOnTheReceiveAfterMax()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var queue = new QueueSimulator(clock, TimeSpan.FromSeconds(30), maxReceiveCount: 3);
        var id = queue.Send("{}");

        var counts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var received = Assert.Single(queue.Receive(10));
            counts.Add(received.ReceiveCount);
            // Invisible until the timeout runs out.
            clock.Advance(TimeSpan.FromSeconds(29));
            Assert.Empty(queue.Receive(10));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal([1, 2, 3], counts);
        Assert.Empty(queue.Receive(10));
        Assert.Equal([id], queue.DeadLetters);
        Assert.Equal(0, queue.Count);
        Assert.Equal(3, queue.MostReceives);
    }

    [Fact]
    public void Queue_DeleteWithTheLatestReceipt_RemovesTheMessageForGood()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var queue = new QueueSimulator(clock, TimeSpan.FromSeconds(30), maxReceiveCount: 1);
        queue.Send("{}");

        Assert.True(queue.Delete(Assert.Single(queue.Receive(10))));
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(queue.Receive(10));
        Assert.Empty(queue.DeadLetters);
    }
}
