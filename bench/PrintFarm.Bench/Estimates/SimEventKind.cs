namespace PrintFarm.Bench.Estimates;

public enum SimEventKind
{
    OrderPlaced,
    PrintFinished,
    PrintFailed,
    PostProcessingDone,
    QualityCheckDone,
    Packed,
}
