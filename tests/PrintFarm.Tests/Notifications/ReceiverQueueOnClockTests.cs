using PrintFarm.Notifications;
using PrintFarm.Tests.Cluster;

namespace PrintFarm.Tests.Notifications;

/// <summary>
/// A receiver's queue on a clock the test moves: Polly's backoff and the give-up deadline both
/// run on the silo's <see cref="TimeProvider"/>, so a day of retries passes in one step.
/// </summary>
[Collection(FakeClockClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ReceiverQueueOnClockTests(FakeClockClusterFixture farm)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private NotificationMessage Message(string reference, int n, string url, string receiver) => new()
    {
        DeliveryId = Receivers.DeliveryId($"{reference}.{n}", receiver),
        EventId = $"{reference}.{n}",
        Type = OrderEventTypes.StatusChanged,
        Reference = reference,
        Channel = Channel.NotificationUrl,
        Target = url,
        Body = reference,
        CreatedAt = farm.Now,
        Receiver = receiver,
    };

    private Task<List<DeliveryRecord>> Log(string reference) => farm.Client.GetGrain<IOrderDeliveriesGrain>(reference).List(null);

    [Fact]
    public async Task A_receiver_that_never_answers_is_given_up_after_a_day_and_the_next_message_waits_its_turn()
    {
        var reference = $"PF-CLOCK{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        var url = $"http://127.0.0.1:{PrintFarm.Harness.FreePort.Next()}/nobody-listens";
        var receiver = Receivers.NotificationUrl(url);
        var queue = farm.Client.GetGrain<IReceiverGrain>(receiver);
        var (first, second) = (Message(reference, 1, url, receiver), Message(reference, 2, url, receiver));
        await queue.Enqueue(first);
        await queue.Enqueue(second);
        await queue.Enqueue(first); // a repeat is dropped
        Assert.Equal(2, await queue.Pending());

        // The first attempt fails at once (connection refused); the retry waits on the clock.
        var log = await Eventually.Get(() => Log(reference), l => l.Any(r => r.Id == first.DeliveryId && r.Attempts >= 1 && r.NextAttemptAt is not null), Patience, "the first attempt");
        var waiting = log.Single(r => r.Id == second.DeliveryId);
        Assert.Equal((DeliveryStatus.Pending, 0), (waiting.Status, waiting.Attempts)); // in order: it waits behind the first

        farm.Clock.Advance(new PrintFarm.Notifications.NotificationOptions().GiveUpAfter + TimeSpan.FromMinutes(1));
        log = await Eventually.Get(() => Log(reference), l => l.Single(r => r.Id == first.DeliveryId).Status == DeliveryStatus.Failed, Patience, "the first given up");
        var failed = log.Single(r => r.Id == first.DeliveryId);
        Assert.Contains("Not accepted within 1.00:00:00", failed.LastError);
        Assert.Contains("could not be reached", failed.LastError);
        // Then the second has its turn, with a day of its own.
        await Eventually.Get(() => Log(reference), l => l.Single(r => r.Id == second.DeliveryId).Attempts >= 1, Patience, "the second's first attempt");
        Assert.Equal(1, await queue.Pending());
    }
}
