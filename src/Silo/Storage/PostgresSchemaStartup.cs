using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PrintFarm.Silo.Storage;

/// <summary>
/// <c>Storage:CreateSchema=true</c>: applies the PostgreSQL schema before Orleans starts (it is
/// registered ahead of Orleans, and hosted services start in order), so a fresh database works
/// without a separate <c>db init</c>. Concurrent silos serialize on the schema's advisory lock.
/// </summary>
public sealed class PostgresSchemaStartup(string connectionString, TimeProvider clock, ILogger<PostgresSchemaStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await new PostgresSchema(connectionString, logger, clock).ApplyWhenReachableAsync(TimeSpan.FromMinutes(1), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
