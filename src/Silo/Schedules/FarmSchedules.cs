using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace PrintFarm.Silo.Schedules;

/// <summary>
/// The farm's Quartz scheduler. Single machine: an in-memory store, each silo its own scheduler.
/// On PostgreSQL (<c>Storage:Provider=PostgreSql</c>): Quartz's ADO.NET job store on the same
/// database, clustered, so every schedule fires once across the cluster and a dead silo's
/// schedules move to a live one; job data is stored as JSON (System.Text.Json).
/// </summary>
public static class FarmSchedules
{
    public static IHostApplicationBuilder AddFarmSchedules(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Services.AddOptions<ScheduleOptions>().Bind(config.GetSection(ScheduleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var options = config.GetSection(ScheduleOptions.Section).Get<ScheduleOptions>() ?? new ScheduleOptions();
        if (!options.Enabled) return builder;
        if (options.LateOrderSweep <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{ScheduleOptions.Section}:LateOrderSweep must be more than zero, e.g. 00:01:00.");
        }

        var postgres = PostgresConnectionString(config);
        builder.Services.AddQuartz(quartz =>
        {
            UseFarmStore(quartz, options, postgres);
            DeclareLateOrderSweep(quartz, options);
            DeclareLateOrderDigest(quartz, options, config);
        });
        // Registered after Orleans, so it starts once the silo is up and stops before it.
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        // After the scheduler: a stored sweep whose interval the configuration changed.
        builder.Services.AddHostedService<LateOrderSweepInterval>();
        return builder;
    }

    public static readonly TriggerKey LateOrderSweepTrigger = new("late-order-sweep", "farm");

    /// <summary>The late-order sweep, as every silo declares it at start (a stored one is kept: <see cref="UseFarmStore"/>).</summary>
    public static void DeclareLateOrderSweep(IQuartzBuilder quartz, ScheduleOptions options) =>
        quartz.ScheduleJob<LateOrderSweepJob>(
            trigger => trigger.WithIdentity(LateOrderSweepTrigger).StartNow().WithSimpleSchedule(s => SweepEvery(s, options.LateOrderSweep)),
            job => job.WithIdentity(LateOrderSweepJob.Key));

    public static readonly TriggerKey LateOrderDigestTrigger = new("late-order-digest", "farm");

    /// <summary>
    /// The shop's daily digest of late orders, on its cron in the shop's time zone. A digest missed
    /// while no silo ran is not sent late (the next one is); one that fires twice sends one email
    /// (its delivery id is the day's).
    /// </summary>
    public static void DeclareLateOrderDigest(IQuartzBuilder quartz, ScheduleOptions options, IConfiguration config)
    {
        if (string.IsNullOrWhiteSpace(options.LateOrderDigest)) return;
        try { _ = new CronExpression(options.LateOrderDigest); }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{ScheduleOptions.Section}:LateOrderDigest '{options.LateOrderDigest}' is not a Quartz cron expression, e.g. 0 0 7 * * ? (07:00 every day).");
        }
        var zoneId = config["Notifications:Email:TimeZone"] is { Length: > 0 } z ? z : "UTC";
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
        quartz.ScheduleJob<LateOrderDigestJob>(
            trigger => trigger.WithIdentity(LateOrderDigestTrigger)
                .WithCronSchedule(options.LateOrderDigest, cron => cron.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)),
            job => job.WithIdentity(LateOrderDigestJob.Key));
    }

    /// <summary>A sweep missed while no silo ran is simply the next one: no catch-up burst.</summary>
    public static void SweepEvery(SimpleScheduleBuilder schedule, TimeSpan interval) =>
        schedule.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount);

    /// <summary>
    /// The scheduler's name and store: in memory, or (given a PostgreSQL connection string) the
    /// clustered ADO.NET job store with JSON job data. Schedulers with the same name on one
    /// database share one schedule.
    /// </summary>
    public static void UseFarmStore(IQuartzBuilder quartz, ScheduleOptions options, string? postgres)
    {
        quartz.ConfigureScheduler(s => s.InstanceName = options.SchedulerName);
        if (postgres is null)
        {
            quartz.UseInMemoryStore();
            return;
        }
        // Every silo declares the farm's schedules when it starts. Replacing a stored trigger
        // (Quartz's default) while another scheduler of the cluster holds it acquired leaves two
        // schedulers with a claim on one firing, and both can fire it. A stored schedule is kept
        // instead; one whose interval the configuration changed is rescheduled once
        // (LateOrderSweepInterval).
        quartz.ConfigureOptions<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(postgres);
            store.UseClustering(c => c.CheckinInterval = options.ClusterCheckin);
            store.UseSystemTextJsonSerializer();
        });
    }

    /// <summary>
    /// The scheduler follows the grain storage's choice of database (<c>Storage:Provider</c>,
    /// <c>Storage:ConnectionString</c>): no second setting to keep in step. Quartz's tables
    /// (<see cref="Storage.QuartzSchema"/>) come from <c>db init</c> or <c>Storage:CreateSchema</c>.
    /// </summary>
    public static string? PostgresConnectionString(IConfiguration config)
    {
        var provider = config["Storage:Provider"];
        if (!string.Equals(provider, "PostgreSql", StringComparison.OrdinalIgnoreCase)) return null;
        var connectionString = config["Storage:ConnectionString"];
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException("Storage:Provider is PostgreSql but Storage:ConnectionString is empty.")
            : connectionString;
    }
}
