using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace PrintFarm.Silo;

/// <summary>
/// Logs, once at start, how fast this silo's cluster notices a dead silo: Orleans' own
/// membership settings in force (Orleans:Membership:*). Until a dead silo is declared dead, new
/// grains whose directory entry it held cannot be activated, so these figures bound what
/// customers see during a silo's death (README, "What a customer sees when a silo dies").
/// </summary>
public sealed partial class MembershipSettingsLog(IOptions<ClusterMembershipOptions> options, ILogger<MembershipSettingsLog> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MembershipSettingsLog), ServiceLifecycleStage.Active, _ =>
        {
            var o = options.Value;
            LogSettings(o.ProbeTimeout, o.NumMissedProbesLimit, o.NumProbedSilos, o.NumVotesForDeathDeclaration, o.DeathVoteExpirationTimeout, o.IAmAliveTablePublishTimeout, o.TableRefreshTimeout);
            return Task.CompletedTask;
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster membership in force: ProbeTimeout={ProbeTimeout} NumMissedProbesLimit={NumMissedProbesLimit} NumProbedSilos={NumProbedSilos} NumVotesForDeathDeclaration={NumVotesForDeathDeclaration} DeathVoteExpirationTimeout={DeathVoteExpirationTimeout} IAmAliveTablePublishTimeout={IAmAliveTablePublishTimeout} TableRefreshTimeout={TableRefreshTimeout}")]
    private partial void LogSettings(TimeSpan probeTimeout, int numMissedProbesLimit, int numProbedSilos, int numVotesForDeathDeclaration, TimeSpan deathVoteExpirationTimeout, TimeSpan iAmAliveTablePublishTimeout, TimeSpan tableRefreshTimeout);
}
