namespace PrintFarm.Designs;

[GenerateSerializer, Alias("PrintFarm.DesignNotFoundException")]
public sealed class DesignNotFoundException(Guid id) : Exception($"There is no design {id}.")
{
    [Id(0)] public Guid Id { get; } = id;
}
