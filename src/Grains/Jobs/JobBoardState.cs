using PrintFarm.Jobs;

namespace PrintFarm.Jobs;

[GenerateSerializer, Alias("PrintFarm.JobBoardState")]
public sealed class JobBoardState
{
    [Id(0)] public List<JobSnapshot> Jobs { get; set; } = [];
}
