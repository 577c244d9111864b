"""Train Stable-Baselines3's DQN (sim-arena's numbers, `skstep.sb3.dqn_preset`) or PPO (small
rollouts, `skstep.sb3.ppo_preset`) on kubectl-skstep over a pool of clusters, one env per context.

    pip install .[sb3]
    kubectl skstep prep-ns lab --context a-admin --trace web.msgpack     # once per cluster
    kubectl skstep prep-ns lab --context b-admin --trace web.msgpack
    python examples/sb3_train.py --contexts a-admin,b-admin --trace web.msgpack --deploy web \
        --target 3 --ns lab --steps 2000 --cache ~/.cache/skstep-transitions
    # or on a generated suite's train split (a scenario drawn at each reset):
    kubectl skstep scenario generate --template scale-up --seed 0 --count 20 -o gen
    python examples/sb3_train.py --contexts a-admin,b-admin --suite gen --split train --ns lab

The records of every step go to --runs-dir (`kubectl skstep report --runs-dir DIR` draws the
learning curve); the model is saved to --save.
"""

import argparse

from stable_baselines3 import DQN, PPO

from skstep import sb3


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--contexts", required=True, help="kubeconfig contexts, one per cluster, comma-separated")
    p.add_argument("--trace", help="the trace (with --deploy and --target), or give --scenario or --suite")
    p.add_argument("--deploy")
    p.add_argument("--target", type=int)
    p.add_argument("--scenario", help="a scenario file, played every episode")
    p.add_argument("--suite", help="a suite (simarena, or a folder): a scenario drawn at each reset")
    p.add_argument("--split", choices=["train", "test"], help="only the suite's scenarios of this split")
    p.add_argument("--ns", required=True, help="the driver namespace prepared with prep-ns on every cluster")
    p.add_argument("--algo", choices=["dqn", "ppo"], default="dqn")
    p.add_argument("--steps", type=int, default=2000, help="transitions to train for (all envs together)")
    p.add_argument("--duration", default="10s")
    p.add_argument("--max-steps", type=int, help="default: the scenario's budget, else 10")
    p.add_argument("--reward", default="shaped")
    p.add_argument("--cache", help="the transition cache's folder (repeated states cost no Simulation)")
    p.add_argument("--cache-verify", type=float, help="fraction of cache hits simulated anyway and compared")
    p.add_argument("--runs-dir")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--save", default="skstep-model.zip")
    a = p.parse_args()

    contexts = a.contexts.split(",")
    vec = sb3.make_vec_env(
        contexts=contexts, trace=a.trace, deploy=a.deploy, target=a.target, scenario=a.scenario,
        suite=a.suite, split=a.split, namespace=a.ns,
        duration=a.duration, max_steps=a.max_steps, reward=a.reward, cache=a.cache,
        cache_verify=a.cache_verify, runs_dir=a.runs_dir,
    )
    try:
        if a.algo == "dqn":
            model = DQN(env=vec, seed=a.seed, verbose=1, **sb3.dqn_preset(a.steps, n_envs=len(contexts)))
        else:
            model = PPO(env=vec, seed=a.seed, verbose=1, **sb3.ppo_preset(n_envs=len(contexts)))
        model.learn(total_timesteps=a.steps)
        model.save(a.save)
    finally:
        vec.close()


if __name__ == "__main__":
    main()
