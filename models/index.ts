// The model pipeline of the reference server, as the CLI, the server, tests and benchmarks use it:
// MNIST data, training, ONNX export, dynamic int8 quantization, and building the models directory.

export { buildModels, type BuildModelsOptions } from './buildModels.ts';
export { builtModelMetadataSchema, pipelineVersion, type BuiltModelMetadata } from './builtModelMetadata.ts';
export { convertModelFileToFloat16, type ConvertSummary } from './convertModelFile.ts';
export { convertToFloat16, type Float16Report } from './float16Conversion.ts';
export { ensureModels } from './ensureModels.ts';
export { loadMnistSplits, loadMnistTestSplit, mnistClassCount, mnistPixelCount, mnistTestCount } from './mnistDigits.ts';
export { builtInModelNames, type BuiltInModelName } from './modelRecipes.ts';
export { builtVersions, defaultModelsDir, metadataFilePath, modelConfigPath, modelFilePath, type BuiltVersion } from './modelsLayout.ts';
export { quantizeModel, quantizeModelWithReport, type QuantizeOptions, type QuantizeReport } from './quantizeModel.ts';
export { quantizeModelFile, type QuantizeSummary } from './quantizeModelFile.ts';
