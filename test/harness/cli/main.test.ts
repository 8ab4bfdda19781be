import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runInfercap } from '../../../harness/target/infercapProcess.ts';

describe('infercap CLI', () => {
  it('--help lists every command', async () => {
    const { code, stdout } = await runInfercap(['--help']);
    assert.equal(code, 0);
    for (const command of ['serve', 'models', 'quantize', 'convert', 'demo']) assert.match(stdout, new RegExp(`infercap ${command}`));
  });

  it('every command\'s --help shows an example', async () => {
    for (const command of [['serve'], ['models', 'build'], ['quantize'], ['convert'], ['demo']]) {
      const { code, stdout } = await runInfercap([...command, '--help']);
      assert.equal(code, 0, command.join(' '));
      assert.match(stdout, /Examples:/, command.join(' '));
    }
  });

  it('an unknown command or option exits 2 with a message and no stack trace', async () => {
    const unknown = await runInfercap(['serv']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown argument: serv|Did you mean serve/);
    const badValue = await runInfercap(['serve', '--max-batch-size', '0', '--models-dir', '/nonexistent']);
    assert.equal(badValue.code, 2);
    assert.match(badValue.stderr, /^infercap: --max-batch-size: /m);
    assert.doesNotMatch(badValue.stderr, /\n\s+at /);
  });

  it('convert without --fp16 exits 2 saying which conversion to ask for', async () => {
    const { code, stderr } = await runInfercap(['convert', 'in.onnx', 'out.onnx']);
    assert.equal(code, 2);
    assert.match(stderr, /^infercap: --fp16: say which conversion to make; --fp16 is the only one supported$/m);
  });

  it('serve names the fix when the models directory is missing', async () => {
    const { code, stderr } = await runInfercap(['serve', '--models-dir', '/nonexistent/models', '--port', '0']);
    assert.equal(code, 2);
    assert.match(stderr, /models directory \/nonexistent\/models does not exist or holds no model; build the models with "infercap models build/);
  });

  it('serve refuses the CUDA provider where it is not installed, naming the fix', async () => {
    const { code, stderr } = await runInfercap(['serve', '--execution-provider', 'cuda', '--port', '0', '--log-level', 'silent']);
    assert.equal(code, 2);
    assert.match(stderr, /execution provider "cuda" is not installed in onnxruntime-node; install it with "ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules\/onnxruntime-node\/script\/install"/);
  });
});
