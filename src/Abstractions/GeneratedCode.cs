// The protocol assembly carries no Orleans references (printers do not know the cluster), so
// the serializers for the enums grain messages borrow from it are generated here.
[assembly: GenerateCodeForDeclaringAssembly(typeof(PrintFarm.Protocol.PrinterActivity))]
