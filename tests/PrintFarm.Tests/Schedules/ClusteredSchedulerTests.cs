using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PrintFarm.Silo.Schedules;
using PrintFarm.Silo.Storage;
using Quartz;

namespace PrintFarm.Tests.Schedules;

/// <summary>
/// Two silos' schedulers, configured as the silo configures them, on one PostgreSQL: a schedule
/// both of them register fires once per turn across the two, never twice. The database gets its
/// tables as <c>./farm db init</c> gives them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClusteredSchedulerTests : IAsyncLifetime
{
    private PrivatePostgres _postgres = null!;

    public async ValueTask InitializeAsync()
    {
        var root = PrintFarm.Harness.TestFolders.Root;
        _postgres = await PrivatePostgres.StartAsync(Path.Combine(root, "schedules"), cancellationToken: TestContext.Current.CancellationToken);
        await new PostgresSchema(_postgres.ConnectionString, NullLogger.Instance).ApplyAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _postgres.DisposeAsync();

    /// <summary>Records each firing: which scheduler ran it, for which scheduled time.</summary>
    public sealed class CountingJob : IJob
    {
        public static readonly ConcurrentBag<(string Run, string Scheduler, DateTimeOffset Scheduled)> Fired = [];

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            Fired.Add((context.MergedJobDataMap.GetString("run")!, context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc!.Value));
            return ValueTask.CompletedTask;
        }
    }

    private async Task<(ServiceProvider Services, IScheduler Scheduler)> StartSilo(string run, DateTimeOffset firstFire, int repeats)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddQuartz(quartz =>
        {
            // The silo's own check-in (Schedules:ClusterCheckin, 10 s). With a tighter one, a
            // scheduler slow to check in on a loaded machine can be taken for dead by the other,
            // which then recovers its firing (Quartz's cluster recovery): not what a farm runs with,
            // and this test failed once in a full run on a busy machine with 2 s.
            FarmSchedules.UseFarmStore(quartz, new ScheduleOptions(), _postgres.ConnectionString);
            // Each silo registers the farm's schedules at start, as FarmSchedules does.
            quartz.ScheduleJob<CountingJob>(
                trigger => trigger.WithIdentity("every-half-second", "test").StartAt(firstFire)
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMilliseconds(500)).WithRepeatCount(repeats)),
                job => job.WithIdentity("counting", "test").UsingJobData("run", run));
        });
        var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);
        await scheduler.Start(TestContext.Current.CancellationToken);
        return (provider, scheduler);
    }

    [Fact]
    public async Task Two_schedulers_on_one_database_fire_a_schedule_once_not_twice()
    {
        var run = Guid.NewGuid().ToString("N");
        const int repeats = 5; // six firings in all
        var firstFire = DateTimeOffset.UtcNow.AddSeconds(15); // after both have started and registered it
        var a = await StartSilo(run, firstFire, repeats);
        var b = await StartSilo(run, firstFire, repeats);
        try
        {
            Assert.NotEqual(a.Scheduler.SchedulerInstanceId, b.Scheduler.SchedulerInstanceId);
            Assert.Equal(a.Scheduler.SchedulerName, b.Scheduler.SchedulerName);

            // The trigger is gone from the shared store once its last firing is done.
            var key = new TriggerKey("every-half-second", "test");
            await Eventually.Get(() => a.Scheduler.GetTrigger(key, TestContext.Current.CancellationToken).AsTask(),
                t => t is null, TimeSpan.FromSeconds(60), "the schedule to complete");
            await Eventually.Get(() => Task.FromResult(CountingJob.Fired.Count(f => f.Run == run)), n => n >= repeats + 1,
                TimeSpan.FromSeconds(30), "every firing recorded");

            await Task.WhenAll(a.Scheduler.Standby(TestContext.Current.CancellationToken).AsTask(), b.Scheduler.Standby(TestContext.Current.CancellationToken).AsTask());
            var fired = CountingJob.Fired.Where(f => f.Run == run).ToList();
            Assert.Equal(repeats + 1, fired.Count);
            Assert.Equal(repeats + 1, fired.Select(f => f.Scheduled).Distinct().Count());
        }
        finally
        {
            await a.Scheduler.Shutdown(true, CancellationToken.None);
            await b.Scheduler.Shutdown(true, CancellationToken.None);
            await a.Services.DisposeAsync();
            await b.Services.DisposeAsync();
        }
    }
    /// <summary>A silo's scheduler declaring the farm's late-order sweep, left in standby: the test reads the store, nothing fires.</summary>
    private async Task<(ServiceProvider Services, IScheduler Scheduler)> DeclareSweep(TimeSpan every)
    {
        var options = new ScheduleOptions { LateOrderSweep = every };
        var services = new ServiceCollection().AddLogging();
        services.AddQuartz(quartz =>
        {
            FarmSchedules.UseFarmStore(quartz, options, _postgres.ConnectionString);
            FarmSchedules.DeclareLateOrderSweep(quartz, options);
        });
        var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ISchedulerFactory>();
        var scheduler = await factory.GetScheduler(TestContext.Current.CancellationToken);
        await new LateOrderSweepInterval(factory, Microsoft.Extensions.Options.Options.Create(options), NullLogger<LateOrderSweepInterval>.Instance)
            .StartAsync(TestContext.Current.CancellationToken);
        return (provider, scheduler);
    }

    private static async Task<ISimpleTrigger> StoredSweep(IScheduler scheduler) =>
        (ISimpleTrigger)(await scheduler.GetTrigger(FarmSchedules.LateOrderSweepTrigger, TestContext.Current.CancellationToken))!;

    [Fact]
    public async Task A_silo_keeps_the_stored_sweep_and_reschedules_it_only_when_its_interval_changed()
    {
        var first = await DeclareSweep(TimeSpan.FromHours(1));
        var second = await DeclareSweep(TimeSpan.FromHours(1));
        var third = await DeclareSweep(TimeSpan.FromHours(2));
        try
        {
            var stored = await StoredSweep(first.Scheduler);
            Assert.Equal(TimeSpan.FromHours(2), stored.RepeatInterval);
            Assert.Equal(SimpleTriggerMisfireInstruction.NextWithRemainingCount, stored.MisfireInstruction);
        }
        finally
        {
            foreach (var (services, scheduler) in new[] { first, second, third })
            {
                await scheduler.Shutdown(false, CancellationToken.None);
                await services.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_second_silo_with_the_same_setting_leaves_the_stored_sweep_as_it_was()
    {
        var first = await DeclareSweep(TimeSpan.FromHours(1));
        try
        {
            var before = await StoredSweep(first.Scheduler);
            await Task.Delay(50, TestContext.Current.CancellationToken); // a replacement would start later than the first
            var second = await DeclareSweep(TimeSpan.FromHours(1));
            try
            {
                var after = await StoredSweep(second.Scheduler);
                Assert.Equal(before.StartTimeUtc, after.StartTimeUtc);
                Assert.Equal(before.NextFireTimeUtc, after.NextFireTimeUtc);
            }
            finally
            {
                await second.Scheduler.Shutdown(false, CancellationToken.None);
                await second.Services.DisposeAsync();
            }
        }
        finally
        {
            await first.Scheduler.Shutdown(false, CancellationToken.None);
            await first.Services.DisposeAsync();
        }
    }
}
