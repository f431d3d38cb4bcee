namespace PrintFarm.Storage;

/// <summary>
/// A grain that stores every change before it answers (orders, jobs). When its database fails
/// mid-call it is deactivated, so the change it could not store does not live on in memory as if
/// accepted; the next activation reads what was stored. Grains that batch their writes on
/// purpose (dispatcher, job board, fleet) do not carry it: they keep memory ahead of storage
/// and write it later.
/// </summary>
public interface IStoresBeforeAnswering;
