"""Generate instruction-following data with text-davinci-003 (self-instruct style).

Run: python -m generate_instruction generate_instruction_following_data
Trimmed copy: the request batching, ROUGE-L de-duplication and output parsing live upstream.
"""
import json
import random

import fire

import utils


def encode_prompt(prompt_instructions):
    prompt = open("./prompt.txt").read() + "\n"
    for idx, task in enumerate(prompt_instructions):
        prompt += f"###\n{idx + 1}. Instruction: {task['instruction']}\n"
        prompt += f"{idx + 1}. Input:\n{task['input'] or '<noinput>'}\n"
        prompt += f"{idx + 1}. Output:\n{task['output']}\n"
    prompt += f"###\n{idx + 2}. Instruction:"
    return prompt


def generate_instruction_following_data(output_dir="./", seed_tasks_path="./seed_tasks.jsonl",
                                        num_instructions_to_generate=100, model_name="text-davinci-003",
                                        num_prompt_instructions=3, request_batch_size=5, temperature=1.0,
                                        top_p=1.0, num_cpus=16):
    seed_tasks = [json.loads(line) for line in open(seed_tasks_path, "r")]
    seed_instruction_data = [
        {"instruction": t["instruction"], "input": t["instances"][0]["input"], "output": t["instances"][0]["output"]}
        for t in seed_tasks
    ]
    prompt = encode_prompt(random.sample(seed_instruction_data, num_prompt_instructions))
    raise NotImplementedError("trimmed: calls the OpenAI API with `prompt` and filters the results")


def main(task, **kwargs):
    globals()[task](**kwargs)


if __name__ == "__main__":
    fire.Fire(main)
